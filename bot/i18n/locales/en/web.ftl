## The coordinators' and partners' dashboard (Telegram Mini App)

web-title = Dashboard
web-nav-cases = Cases
web-nav-surveys = Surveys
web-nav-broadcasts = Broadcasts
web-sign-out = Sign out
web-signin-title = Sign in to the Rukun dashboard
web-signin-help = Open the dashboard from the bot's menu button in Telegram. On a computer, send /dasbor to the bot and open the sign-in link it sends.
web-signin-failed = Sorry, you could not be signed in. Close the dashboard and open it again from the bot's menu button.
web-login-confirm = This link works once and only for a few minutes.
web-login-button = Sign in
web-login-expired = This sign-in link was used already or has expired. Send /dasbor to the bot for a new one.
web-no-access = This dashboard is for coordinators and partner members. Ask the network's coordinator if you need access.

web-cases-title = Reported cases
web-cases-partner-scope = You see the cases routed to your organisation.
web-cases-count = { $n ->
    [0] No cases
    [one] 1 case
   *[other] { $n } cases
}
web-cases-none = No case matches these filters yet.
web-filter-area = Area
web-filter-all = All
web-filter-category = Category
web-filter-status = Status
web-filter-since = From
web-filter-until = Until
web-filter-text = Search (code or report text)
web-filter-apply = Apply
web-filter-reset = Clear filters
web-error-date = Date not recognised; write it like 2026-12-31. That date filter is ignored.
web-error-date-order = The end date is before the start date; the end date filter is ignored.
web-error-area = Unknown area code; the area filter is ignored.
web-error-category = Unknown category; the category filter is ignored.
web-error-status = Unknown status; the status filter is ignored.
web-export-reports = Download all reports (XLSX)
web-map-label = Map of cases in Indonesia
web-map-caption = { $n } cases on the map. A dot is where the reporter shared a location, or near their province's capital.
web-urgent = Urgent

web-status-open = Waiting
web-status-claimed = In hand
web-status-resolved = Resolved
web-status-rejected = Rejected
web-status-merged = Merged

web-case-category = Category
web-case-place = Place
web-case-when = When
web-case-created = Reported
web-case-reporter = Reporter
web-case-anonymous = Anonymous
web-case-erased = (the reporter's data was erased)
web-case-claimed = Handled by
web-case-outcome = Outcome
web-case-evidence = Evidence
web-case-no-evidence = No evidence attached.
web-case-timeline = Timeline
web-media-photo = Photo
web-media-video = Video
web-media-document = Document
web-media-voice = Voice message
web-media-audio = Audio
web-actor-reporter = reporter
web-actor-partner = partner
web-actor-coordinator = coordinator
web-actor-system = system
web-reveal-help = Reveal an anonymous reporter's identity only when it is truly needed. The reveal is recorded in the case's timeline.
web-reveal-button = Reveal the reporter's identity
web-reveal-shown = Reporter: { $name }
web-reveal-erased = The reporter's data was erased; their identity cannot be revealed.

web-surveys-title = Surveys
web-surveys-none = No surveys yet.
web-survey-progress = Invited { $invited } · started { $started } · completed { $completed }
web-export-survey = Download results (XLSX)
web-survey-before-after = Before and after (compared with { $vs })
web-survey-before = Before
web-survey-after = After
web-survey-mean = mean

web-broadcasts-title = Broadcasts
web-broadcasts-none = No broadcasts yet.
web-broadcast-sent = Sent
web-broadcast-failed = failed

web-menu-button = Dashboard
web-dasbor-link = Here is your dashboard sign-in link. It works once, for { $minutes } minutes; do not share it.
web-dasbor-open = Open the dashboard
web-dasbor-no-access = The dashboard is for coordinators and partner members only.
web-dasbor-no-url = The dashboard cannot be opened yet: its web address (web.public_url) is not configured.

web-nav-partners = Partners
web-partners-title = Figures by partner
web-partners-name = Partner
web-partners-routed = Cases received
web-partners-in-hand = In hand
web-partners-resolved = Resolved
web-partners-rejected = Rejected
web-partners-hours = Mean hours to claim
web-partners-inactive = inactive
web-partners-none = No partner registered yet.

web-nav-admin = Settings
web-admin-title = Network settings
web-admin-open = Open the survey
web-admin-close = Close the survey
web-admin-bad-status = Unknown survey status (choose open or close).
web-admin-survey-changed = Survey { $slug } is now { $status }.
web-admin-survey-unchanged = Survey { $slug } was already { $status }.
web-admin-partners = Partners
web-admin-partner-name = Organisation name
web-admin-partner-chat = Telegram group id
web-admin-partner-regions = Regions (codes or names, separated by commas)
web-admin-partner-categories = Categories (* for all)
web-admin-partner-add = Register the partner
web-admin-partner-added = Partner { $name } is registered.
web-admin-partner-refused = The partner could not be registered: { $why }
web-admin-bad-chat = The group id must be a number, e.g. -1001234567890 (send /id in that group to see it).
web-admin-roles = User roles
web-admin-user-id = The user's Telegram id
web-admin-role = Role
web-admin-grant = Grant the role
web-admin-bad-grant = Write a numeric Telegram id and choose one of the roles.
web-admin-unknown-user = User { $id } has not started the bot yet; ask them to send /start first.
web-admin-granted = Role { $role } granted to { $id }.
web-admin-had-role = User { $id } already has the role { $role }.
web-admin-partner-problems = The partner was not registered. Fix the marked fields and send again.
web-admin-bad-name = Organisation name: write 2 to 128 characters (now { $length }).
web-admin-name-taken = Organisation name: "{ $name }" is another partner's, in another group. Use another name, or register from that partner's own group.
web-admin-no-regions = Regions: write at least one, e.g. 36.72, Banten, or * for all.
web-admin-bad-region-code = Regions: there is no code "{ $value }". A province is 2 digits (36), a kabupaten/kota 2.2 digits (36.72).
web-admin-bad-region = Regions: we do not know "{ $value }". Write its name (Kota Cilegon) or its code (36.72).
web-admin-ambiguous-region = Regions: "{ $value }" may mean { $options }. Write the code instead.
web-admin-bad-category = Categories: "{ $value }" is unknown. Choose from { $known }, or * for all.
web-admin-audit = Change log
web-audit-none = No changes from the dashboard yet.
web-audit-survey = survey { $slug } → { $status }
web-audit-partner = registered partner { $name } ({ $regions })
web-audit-role = granted the role { $role } to { $id }

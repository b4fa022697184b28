## Incident reports (English)

### Register: citizens (reporters) are spoken to warmly and briefly; partner members and
### coordinators formally (cards, prompts, confirmations, reminders, escalations).
###
### Icons, one meaning each (the same in id/reports.ftl):
###   🚨 urgent, emergency         ⏳ waiting to be handled      🙋 Claim, being handled
###   🔒 handled by another partner ✔️ Resolve (case closed)     ✖️ Reject, Cancel
###   ↪️ Hand over, Reassign       ⏫ up one level               ❓ a partner's question
###   💬 the reporter's answer, Reply  ➕ more information       ⏰ reminder
###   📜 Timeline                  👤 the reporter's identity    ⚠️ for coordinators to check
###   📝 the rest of a story       ✅ wizard steps: yes, go on, saved
###   🛡️ start a report (safe)     📨 Send report                🙈 Mask
###   navigation: ⬅️ Back · ▶️ Continue · 🔄 Start over · ✏️ type again · ◀️ ▶️ pages
###   📎 Telegram's attachment button (in instructions)
###   🙏 🙂 thanks, please, a smile: only in messages to citizens
### A button's icon comes with it in a text that names it: "press <b>🙋 Claim</b>".

report-start =
    <b>Report an incident</b> 🛡️
    Your report is safe with us. You can stay anonymous to the partner who handles it.
report-ask-description = Tell us what happened, in your own words (at least 20 characters): who, what, and how it happened.
report-desc-kept = I've noted your account: <i>{$excerpt}</i>
report-desc-too-short = That's a little short 🙏 Please write at least {$min} characters so partners can understand what happened.
report-desc-too-long = That's too long ({$length} characters). The limit is {$max}, one Telegram message; please shorten it. Photos or documents can be sent at the evidence step.
report-story-continued = I've added the rest of your account ✅ It is now {$length} characters long.
report-story-full = Your account is nearly {$max} characters, the limit 🙏 I haven't kept this part; more details can go in a document at the evidence step. Now please pick the category.
report-text-only = At this step I need your account as text 🙏 Photos, videos and documents can be sent later, at the evidence step.
report-desc-too-long-start = Your account is {$length} characters, more than the limit of {$max}, so I haven't kept it yet 🙏 Please send a shorter version below; photos or documents can follow at the evidence step.
report-resume-ask = You have an unfinished report. Continue it, or start over?
report-btn-resume = ▶️ Continue
report-btn-restart = 🔄 Start over

report-ask-category = What kind of incident was it?
report-confirm-category = This looks like <b>{$category}</b>. Is that right? If not, pick a better fit:
report-btn-category-ok = ✅ Yes, {$category}
report-choose-category-two = From your story this could be one of two categories: <b>{$first}</b> and <b>{$second}</b>. Which fits better? If neither does, choose <i>Other categories</i>.
report-btn-category-more = Other categories…
report-cat-rumah-ibadah = House of worship (permits, sealing, rejection)
report-cat-pembubaran-ibadah = Worship or gathering broken up
report-cat-ujaran-kebencian = Hate speech
report-cat-diskriminasi-layanan = Discrimination in public services
report-cat-intimidasi = Intimidation or threats
report-cat-kekerasan = Violence or destruction
report-cat-kebijakan-diskriminatif = Discriminatory rules or policies
report-cat-lainnya = Something else

report-ask-place = In which regency/city did it happen? Type its name, e.g. <i>Cilegon</i> or <i>Kabupaten Bogor</i>.
report-place-confirm = Do you mean <b>{$place}</b>?
report-place-choose = Several places have that name. Which one?
report-place-suggest = I couldn't find "{$name}". Did you mean one of these? If not, type the name again.
report-place-not-found = I couldn't find "{$name}" 🙏 Try just the regency/city name, e.g. <i>Kota Serang</i>.
report-btn-place-retype = ✏️ No, type again
report-ask-pin = Want to mark the place on a map? Send 📎 → Location. We only keep an approximation (about 1 km). You may skip this.
report-pin-saved = Location saved (rounded to about 1 km) ✅

report-ask-when = When did it happen?
report-when-today = Today
report-when-yesterday = Yesterday
report-when-week = In the last 7 days
report-when-earlier = More than a week ago
report-ask-date = On what date? Write it like <i>17-08-2025</i>.
report-date-invalid = I can't read that date. Write it like <i>17-08-2025</i>, please.
report-date-future = That date hasn't happened yet 🙂 Please write the date of the incident.

report-ask-danger = Is anyone in danger <b>right now</b>?
report-danger-yes = Yes, someone is in danger
report-danger-no = No
report-emergency =
    🚨 <b>If someone is under threat right now, call at once:</b>
    • Emergency number: <b>112</b>
    • Police: <b>110</b>
    We've marked your report <b>urgent</b> and partners will be told sooner. Let's continue.

report-ask-evidence = Any evidence? Send photos, videos, documents or voice notes (up to {$max}); what you write under them is sent too. When you're done, press <b>✅ Done</b>. You may also skip this.
report-media-added = Evidence received ({$count}/{$max}). Send more, or press <b>✅ Done</b>.
report-media-too-many = That's {$max} pieces of evidence, the limit 🙏 Press <b>✅ Done</b> to continue.
report-media-too-big = That file is too large (at most {$max_mb} MB). Try a smaller one.
report-media-unsupported = That kind of message can't be used as evidence. Send a photo, video, document or voice note, please.
report-media-retry = That piece of evidence wasn't saved. Please send it once more 🙏

report-ask-identity = May the partner handling it know your name?
    🔒 <b>Confidential</b>: your story and evidence are read only by the partner handling your report and the admins.
report-identity-share = Yes, show my name
report-identity-anonymous = No, keep me anonymous
report-ask-contact = May partners contact you <b>through this bot</b> if they need more information? Your number and Telegram account stay hidden.
report-contact-yes = Yes
report-contact-no = Don't contact me

report-summary =
    <b>Check your report</b>
    Category: {$category}
    Place: {$place}
    When: {$when}
    Urgent: {$urgent}
    Evidence: {$media}
    Identity: {$identity}
    May be contacted: {$contact}

    <i>{$description}</i>
report-yes = yes
report-no = no
report-identity-shown = your name is shown
report-identity-hidden = anonymous
report-btn-send = 📨 Send report
report-duplicate-ask = This looks like <b>{$code}</b>, which you sent earlier. Is it the same incident?
report-duplicate-yes = Yes, the same
report-duplicate-no = No, a different one
report-pii-ask = You chose to stay anonymous, but your story or the captions of your evidence contain {$items}. This could tell people who you are. Mask it before the report is sent?
report-pii-mask = 🙈 Yes, mask it
report-pii-keep = Leave it, send as it is
report-pii-masked = Masked. Partners will only see [masked] where that data was.
report-pii-placeholder = [masked]
report-pii-nik = an ID number (NIK)
report-pii-phone = a phone number
report-pii-email = an e-mail address
report-linked = Thank you 🙏 We've added your account to report <b>{$code}</b> and passed it to the partner handling it.
report-sent =
    Thank you, we've received your report 🙏
    Report number: <b>{$code}</b>

    We're passing it to a local partner and will let you know here as soon as they take it on. Check any time with /status.
report-sent-urgent = 🚨 Because it's urgent, we've asked partners to respond within {$hours} hours. If someone is under threat, call 112 or the police on 110.

report-btn-back = ⬅️ Back
report-btn-cancel = ✖️ Cancel
report-btn-skip = Skip
report-btn-done = ✅ Done
report-cancelled = OK, the report is cancelled. If you change your mind, press <b>Report Incident</b> any time.
report-bad-choice = That choice isn't valid. Please use the buttons in the last message.
report-use-buttons = Please pick one of the buttons above 🙏

report-status-none = You have no reports yet. Press <b>Report Incident</b> to make one.
report-status-title = <b>Your reports</b>
report-status-line = <b>{$code}</b> · {$category} · {$place}
    Status: {$status} · updated {$updated}
report-st-open = waiting for a partner
report-st-claimed = being handled
report-st-resolved = resolved
report-st-rejected = rejected
report-st-merged = merged with an earlier report

report-error-daily-limit = You've sent {$limit} reports in the last 24 hours. That's the limit for now 🙏 Try again tomorrow, or add details to a report you already sent.
report-error-incomplete = The report isn't complete yet. Let's continue from the step that's missing.
report-error-generic = Sorry, that can't be done right now.
report-error-unknown = That report was not found.
report-error-not-allowed = Sorry, this button is only for the partner this report was sent to, or coordinators.
report-error-taken = Another partner is already handling this report.
report-error-closed = This report is already closed.
report-error-no-contact = The reporter does not wish to be contacted (or has erased their data).
report-error-claim-first = Please press 🙋 Claim before marking this report resolved.
report-error-unknown-partner = That partner was not found or is no longer active.
report-note-empty = Please write the note as text.
report-note-too-long = The note is too long (at most {$max} characters). Please shorten it.

## Partner card and workflow
report-card-title = <b>Report {$code}</b>
report-card-urgent = 🚨 URGENT
# The story follows these lines, added by the code (Fluent caps a placeable at 2,500 characters).
report-card =
    Category: {$category}
    Place: {$place}
    When: {$when}
    Reporter: {$reporter}
    May be contacted through the bot: {$contact}
    Evidence: {$media}
report-card-anonymous = anonymous
report-card-location = Approximate location: {$lat}, {$lon} (±1 km)
report-card-open = ⏳ Waiting to be handled
report-card-claimed = 🙋 Handled by <b>{$partner}</b>
report-card-taken = 🔒 Already handled by <b>{$partner}</b>
report-card-moved = ↪️ Handed to another partner
report-card-resolved = ✔️ Resolved: {$note}
report-card-rejected = ✖️ Rejected: {$note}
report-coordinator-partner = coordinators
report-btn-claim = 🙋 Claim
report-btn-ask = ❓ Ask
report-btn-forward = ↪️ Hand over
report-btn-resolve = ✔️ Resolve
report-btn-reject = ✖️ Reject
report-btn-timeline = 📜 Timeline
report-claimed-ok = You are now handling report {$code}.
report-claimed-again = Your organisation is already handling report {$code}. The card has been redrawn.
report-prompt-question = {$name}, please write your question for the reporter of {$code} as a reply to this message:
report-prompt-resolve = {$name}, please briefly write the outcome of {$code} (the reporter will see it):
report-prompt-reject = {$name}, please write why {$code} is rejected (the reporter will see it):
report-question-sent = Your question for the reporter of {$code} was sent through the bot.
report-answer-relayed =
    💬 <b>The reporter of {$code} answers:</b>
    {$text}
report-forward-choose = Hand {$code} to whom?
report-btn-forward-up = ⏫ Up one level
report-forwarded = Report {$code} has been handed over.
report-closed-ok = Report {$code} is closed. Thank you for handling it.
report-repeat-info =
    ➕ <b>More from the reporter of {$code}:</b>
    {$text}
report-escalated =
    ⏫ <b>{$code}</b> was not handled in time, so it has moved up to the {$level} level. Please take it on.
    {$category} · {$place}
report-escalated-final = ⏫ <b>{$code}</b> has not been handled by anyone. Coordinators, please take it on. {$category} · {$place}
report-level-regency = regency/city
report-level-province = province
report-level-national = national
report-level-coordinators = coordinators
report-reminder = ⏰ Reminder: <b>{$code}</b> has had no update for {$days} days. Is there any progress? Please update the reporter with <b>❓ Ask</b>, or close the report with <b>✔️ Resolve</b>.
report-timeline-title = <b>Timeline of {$code}</b>
report-timeline-line = {$at} · {$who} · {$what}
report-who-reporter = reporter
report-who-system = system
report-partner-joined = You are now a member of the partner <b>{$partner}</b>. Reports for your area will arrive in the partner's group; press <b>🙋 Claim</b> to handle one.

## To the reporter
report-notify-claimed = Good news: report <b>{$code}</b> was claimed by a local partner and is being handled 🙏
report-notify-question =
    ❓ The partner handling <b>{$code}</b> asks:
    <i>{$text}</i>
    Press <b>💬 Reply</b> to answer. Your identity stays protected.
report-btn-reply = 💬 Reply
report-prompt-answer = Write your answer for the partner ({$code}):
report-answer-sent = Your answer was passed to the partner. Thank you 🙏
report-notify-resolved =
    ✔️ Report <b>{$code}</b> has been resolved.
    The partner's note: <i>{$note}</i>
    Thank you for speaking up 🙏
report-notify-rejected =
    The partner could not follow up report <b>{$code}</b>.
    Reason: <i>{$note}</i>
    If there is new information, you can report again any time.

## Coordinators' dashboard
report-dash-title = <b>Report dashboard · last {$days} days</b>
report-dash-total = Total: <b>{$total}</b> · overdue: <b>{$overdue}</b>
report-dash-by-status = <b>Status</b>: {$items}
report-dash-by-category = <b>Category</b>: {$items}
report-dash-by-province = <b>Province</b>: {$items}
report-dash-open = <b>Open reports</b> (page {$page}/{$pages}):
report-dash-open-none = No open reports.
report-dash-empty = none yet
report-btn-days = {$days} days
report-btn-prev = ◀️
report-btn-next = ▶️
report-btn-reveal = 👤 Show reporter's identity
report-btn-reassign = ↪️ Reassign
report-detail-status = Status: {$status} · level {$level}
report-identity = 👤 Reporter of {$code}: {$name} (@{$username}, id {$id}). This is recorded in the timeline.
report-identity-gone = The reporter of {$code} has erased their data; their identity is no longer kept.
report-evidence-withheld = Evidence number {$numbers} of {$code} could not be sent safely. The coordinators will pass it on if they can.
# These two are headers: the text follows on the next line, added by the code.
report-evidence-caption = The full caption of evidence number {$number} of <b>{$code}</b>:
report-card-story-more = 📝 the story goes on below this card
report-story-part = 📝 <b>{$code}</b> · the story, continued ({$part}/{$parts})
report-evidence-held = ⚠️ Evidence number {$numbers} of {$code} is held for you and was not sent to the partner: the file may carry data that reveals the reporter (such as a location or device name) and could not be cleaned. Please check it before passing it on.
report-dash-private-only = The report dashboard opens only in a private chat with the bot or in the coordinators' group, so that no one else reads reporters' data.
report-identity-sent-private = The reporter's identity was sent to your private chat.
report-identity-open-private = A reporter's identity is only sent in a private chat. Please open a chat with the bot, press Start, then try again.

## Timeline events
report-ev-created = report created
report-ev-routed = sent to partners
report-ev-escalated = escalated
report-ev-claimed = taken on
report-ev-question = asked the reporter
report-ev-answer = the reporter answered
report-ev-forwarded = handed over
report-ev-resolved = resolved
report-ev-rejected = rejected
report-ev-timeline_viewed = viewed the timeline
report-ev-viewed = viewed the report
report-ev-identity_revealed = viewed the reporter's identity
report-ev-reporter_detached = the reporter erased their data
report-ev-reminded = reminder sent
report-ev-linked = merged with an earlier report
report-ev-repeat_linked = more from the reporter
report-ev-retention_applied = reporter data removed after the retention period
report-ev-delivery_failed = could not be delivered to the partner's chat
report-ev-reopen_requested = the reporter asked to reopen
report-undelivered = ⚠️ The card of report <b>{$code}</b> did not reach {$partners}: the bot was removed from their group, or the group was not found. Please check that partner's group.
report-undelivered-moved = The report went straight to the next level: {$level}.
report-undelivered-others = Other partners did receive this report.
report-undelivered-stuck = There is nowhere else to send it: coordinators, please handle it.

report-sent-unrouted =
    Thank you, your report is stored safely 🙏
    Report number: <b>{$code}</b>

    No partner covers this area or kind of incident yet, so your report is waiting for the team that runs this service, who have been told. We'll let you know here as soon as someone takes it. If someone is under threat, call 112 or the police on 110.
report-unrouted-admin =
    ⚠️ Report <b>{$code}</b> ({$category}, {$place}) has nowhere to go: no partner covers this area/category and <code>coordinators_chat_id</code> is not set.
    Please handle it through /laporan, or register a partner for this area.

## The reporter's verdict on a resolved case
report-verdict-ask = Report <b>{$code}</b> was marked resolved by the partner. Has the problem been dealt with?
report-verdict-ask-again = We would like to hear how report <b>{$code}</b> is going: has the problem been dealt with?
report-btn-verdict-yes = ✅ Yes
report-btn-verdict-partly = 🌗 Partly
report-btn-verdict-no = ❌ Not yet
report-verdict-chosen = Your answer: {$answer}
report-verdict-thanks-yes = Thank you! Glad to hear it has been dealt with 🙏
report-verdict-thanks-partly = Thank you for telling us. We will ask again later.
report-verdict-thanks-no = Thank you for telling us. Report <b>{$code}</b> is open again and has been passed to the next level.
report-verdict-reopened = ⚠️ The reporter of <b>{$code}</b> says the problem has not been dealt with. The report is open again and was also passed to {$level}.
report-verdict-not-now = This report is not waiting for your answer. Thank you!
report-dash-verdicts = <b>Reporters' verdicts</b>: {$items}
report-dash-verdict-line = {$partner} (yes {$yes}, partly {$partly}, not yet {$no})
report-ev-verdict_asked = the reporter was asked again whether it was dealt with
report-ev-verdict = the reporter judged the handling
report-ev-reopened = reopened on the reporter's verdict

## Confidentiality (rahasia)
report-identity-rahasia = 🔒 Confidential
report-identity-rahasia-summary = confidential (the handling partner and admins only)
report-rahasia-chosen = 🔒 All right, your report is confidential. Your story and evidence are read only by the partner handling it and the admins.
report-card-rahasia =
    Category: {$category}
    Place: {$place}
    When: {$when}
    Sent: {$sent}
report-card-rahasia-note = 🔒 Confidential report: its content is visible only to the handling partner, once claimed.
report-error-rahasia-claim-first = This report is confidential. Claim it first, then you can ask the reporter.
report-rahasia-withheld = 🔒 Confidential: its content is for the handling partner and admins only.

## Onboarding, menu, help, language, errors (English)

start-greeting =
    Hi, {$name}! 👋 I'm <b>Rukun</b>, here to help keep our communities in harmony.
    You can report intolerance incidents, get campaign content and take short surveys.
    We keep only the data we need; reports can be anonymous, and /hapusdata erases your personal data.
start-again = Welcome back, {$name}! Pick something from the menu below.
start-invalid-link = That link is no longer valid or was mistyped. No problem: every menu below still works.

menu-report = Report Incident
menu-content = Campaign Content
menu-survey = Surveys
menu-status = Report Status
menu-help = Help
menu-placeholder = Pick a menu item or type a message…


help-title = <b>What you can do with Rukun</b>
help-citizen =
    /start — start and show the menu
    /lapor — report an intolerance incident
    /status — check your reports
    /konten — tolerance campaign content
    /survei — take a survey
    /bahasa — change language (Indonesia/English)
    /profil — see and change your profile (where you live, language)
    /berhenti — stop receiving broadcasts, /mulai to resume
    /hapusdata — erase your personal data
    /batal — cancel the current step
help-alumni =
    <b>Alumni</b>
    /dampak — see the impact of what you shared
    /peringkat — your cohort's leaderboard
help-partner =
    <b>Partners</b>
    Reports for your area arrive in your partner group. Press <i>🙋 Claim</i> to handle one.
help-coordinator =
    <b>Coordinators</b>
    /laporan — reports dashboard
    /siaran — send a broadcast
    /konten_baru — add campaign content
    /hasil — survey results
help-admin =
    <b>Admins</b>
    Roles are managed from the CLI: <code>rukun users grant ID ROLE</code>
help-free-text = You can also just write, for example: <i>"a prayer meeting was broken up in Sampang"</i>.

language-choose = Choose a language:
language-set = Done, I'll speak English from now on.
language-name-id = Bahasa Indonesia
language-name-en = English

flood-slow-down = Easy there 🙏 You're sending messages too fast. Try again in a moment.
error-apology = Sorry, something went wrong on our side. Please try again in a moment 🙏
error-generic = Sorry, that cannot be done right now.
error-ops-report = ⚠️ Error while handling {$kind} (update {$update_id}): {$error}
error-ops-held-back = ({$count} more like this held back since the last alert)
error-ops-undecodable-update = ⚠️ Update {$update_id} could not be read and was set aside: {$error}
error-ops-fetch-failing = ⚠️ The bot has not been able to fetch updates for {$minutes} min ({$error}). Nobody gets an answer until this recovers.
error-ops-fetch-recovered = ✅ Fetching updates works again, after {$minutes} min.
stale-button = This button has expired. Here is the main menu.
not-understood = Sorry, I didn't quite get that 🙏 Pick a menu item below, or type /help.
cancelled = Okay, cancelled.
nothing-to-cancel = There is nothing to cancel.
not-allowed = Sorry, this command is only for certain roles.

cmd-start = Start and show the menu
cmd-help = Help
cmd-language = Change language
cmd-cancel = Cancel the current step
cmd-report = Report an incident
cmd-status = Your reports
cmd-content = Campaign content
cmd-survey = Take a survey
cmd-stop = Stop broadcasts
cmd-erase = Erase personal data
cmd-dashboard = Reports dashboard
cmd-broadcast = Send a broadcast
cmd-results = Survey results

erase-ask =
    Are you sure you want to erase your personal data? Your name, language, region and roles will be deleted.
    Reports you already sent stay so partners can handle them, but they will no longer be linked to you.
erase-yes = Yes, erase
erase-no = No, keep it
erase-done = Your personal data has been erased. Thank you for using Rukun 🙏 Type /start any time to begin again.
erase-kept = Okay, your data stays as it is.
optout-done = You will no longer receive broadcasts. Reports and surveys still work. Type /mulai to receive broadcasts again.
optin-done = Great, you will receive broadcasts again. Type /berhenti any time to stop.

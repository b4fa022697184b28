## Broadcasts — English

broadcast-optout-hint = <i>Don't want these broadcasts? Send /berhenti.</i>

broadcast-ask-message = 📣 <b>New broadcast</b>
    Send the message to broadcast: text, or a photo/video/document with a caption.
broadcast-bad-message = This message cannot be broadcast yet: {$error}
    Please send it again.
broadcast-ask-buttons = Add buttons below the message? Buttons so far: {$buttons}
broadcast-no-buttons = none
broadcast-button-url = 🔗 Link button
broadcast-button-share = 📤 Share button
broadcast-button-clear = 🗑 Remove buttons
broadcast-share-label = 📤 Share
broadcast-ask-url = Send the button as <code>Button text | https://address</code>
    Example: <code>Take the survey | https://t.me/RukunBot?start=survey</code>
broadcast-bad-url = That format doesn't work yet: {$error}
    Example: <code>Read more | https://setara-institute.org</code>
broadcast-ask-segment = <b>Who receives it?</b>
    Roles: {$roles}
    Languages: {$languages}
    Regions: {$regions}{$more}
    Current audience: <b>{$count}</b> people (those who opted out or blocked the bot are not counted).
broadcast-everyone = everyone
broadcast-role-everyone = Everyone
broadcast-role-alumni = Alumni
broadcast-role-citizen = Citizens
broadcast-role-partner = Partners
broadcast-regions = 📍 Set regions
broadcast-ask-regions = Send Kemendagri region codes separated by commas. Example: <code>36.72, 32</code> (Kota Cilegon and all of West Java). Send <code>-</code> for all regions.
broadcast-bad-regions = Unknown region code(s): {$codes}. Valid examples: <code>36.72</code> or <code>32</code>.
broadcast-preview-title = 👀 <b>Preview</b> — this is what recipients will get:
broadcast-ask-when = When should it go out?
broadcast-now = 🚀 Now
broadcast-later = 🗓 Pick a time
broadcast-ask-datetime = Write the date and time (WIB), e.g. <code>16-11-2025 09:00</code>.
broadcast-bad-datetime = I can't read that date/time, or it has passed. Example: <code>16-11-2025 09:00</code>.
broadcast-confirm = Send the broadcast to <b>{$count}</b> recipients {$when}?
broadcast-when-now = right now
broadcast-when-at = at {$at}
broadcast-confirm-yes = ✅ Send
broadcast-back = ⬅️ Back
broadcast-next = Next ➡️
broadcast-cancel = ✖️ Cancel
broadcast-cancelled = OK, broadcast cancelled. Nothing was sent.
broadcast-scheduled = 🗓 Broadcast #{$id} scheduled for {$at}. Its progress will appear here.
broadcast-started = 🚀 Broadcast #{$id} is going out. Its progress appears here.
broadcast-stop = ⏹ Stop broadcast
broadcast-stopped = ⏹ Broadcast #{$id} stopped. Nothing more will be sent.
broadcast-not-stoppable = Broadcast #{$id} has already finished or was stopped.
broadcast-expired = This broadcast session has ended. Start again with /siaran.
broadcast-progress = 📣 <b>Broadcast {$name}</b>
    ✅ Sent: {$sent} of {$total}
    ⚠️ Failed: {$failed} · 🚫 Blocked: {$blocked} · ⏭ Skipped: {$skipped}
    ⏳ Remaining: {$remaining} · done in {$eta}
broadcast-summary = 🏁 <b>Broadcast {$name} {$state}</b>
    Sent {$sent} of {$total} · failed {$failed} · blocked {$blocked} · skipped {$skipped}
broadcast-state-completed = completed
broadcast-state-cancelled = stopped
broadcast-state-failed = failed
broadcast-eta-seconds = ~{$n} seconds
broadcast-eta-minutes = ~{$n} minutes
broadcast-eta-hours = ~{$n} hours

broadcast-pick-item = 📚 Pick a campaign content item
broadcast-pick-item-title = Pick the item to broadcast (newest first). Its text, media and share buttons go with it.
broadcast-no-items = No campaign content has been published yet. Send your own message instead.
broadcast-item-gone = That item is no longer available. Pick another one, or send your own message.
broadcast-button-survey = 📋 Survey button
broadcast-pick-survey = Which survey should people take?
broadcast-no-surveys = No survey is open right now.
broadcast-survey-gone = That survey is no longer open. Pick another one.
broadcast-survey-label = 📋 Take the survey
broadcast-menu-cohorts = 👥 Cohorts
broadcast-menu-topics = 🏷 Topics
broadcast-menu-surveys = 📋 Surveys
broadcast-no-cohorts = There are no cohorts yet.
broadcast-no-topics = There are no topics yet.
broadcast-no-surveys-segment = There are no surveys yet.
broadcast-survey-done = Completed
broadcast-survey-not-done = Not completed
broadcast-segment-cohorts = Cohorts: {$values}
broadcast-segment-topics = Topics: {$values}
broadcast-segment-surveys-completed = Completed survey: {$values}
broadcast-segment-surveys-not-completed = Not completed survey: {$values}

## Details of a message problem (in /siaran replies)
broadcast-error-empty = the message is empty. Write a text, or attach a photo/video/document.
broadcast-error-html = Telegram cannot read the text's formatting ({$detail}).
broadcast-error-too-long = the text has {$length} characters, but at most {$limit} are allowed (Telegram's limit minus room for the /berhenti line).
broadcast-error-too-long-caption = the media caption has {$length} characters, but at most {$limit} are allowed (Telegram's limit minus room for the /berhenti line).
broadcast-error-no-bar = put a | between the button text and its address
broadcast-error-rows = there are too many buttons (at most 10 rows).
broadcast-error-row = button row {$row} must have 1 to 8 buttons.
broadcast-error-button-text = the button text (row {$row}, button {$button}) must be 1 to 64 characters.
broadcast-error-button-url = the button address (row {$row}, button {$button}) must start with https:// — you sent: {$url}
broadcast-error-other = this broadcast cannot be saved as it is. Try again from /siaran, or ask an admin.

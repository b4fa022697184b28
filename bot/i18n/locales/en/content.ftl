## Alumni and campaign content (English)

content-back = ⬅️ Back
content-cancel = Cancel
content-skip = Skip
content-done = Done ✅
content-next = Next ➡️

content-topic-toleransi = Tolerance
content-topic-kebebasan-beragama = Freedom of religion
content-topic-demokrasi = Democracy
content-topic-pemilu = Peaceful elections
content-topic-cek-fakta = Fact-checking
content-topic-hak-minoritas = Minority rights

content-channel-whatsapp = WhatsApp
content-channel-instagram = Instagram
content-channel-facebook = Facebook
content-channel-tiktok = TikTok
content-channel-x = X
content-channel-telegram = Telegram
content-channel-offline = Offline

# Cohort invites and alumni profile
content-invite-welcome = Welcome to the alumni network of <b>{$cohort}</b> 🎉 From now on you'll receive campaign content to share.
content-region-ask = Which kabupaten/kota do you live in? Type its name, e.g. <i>Kota Serang</i> or <i>Kabupaten Lebak</i>.
content-region-confirm = The organisers have you in <b>{$region}</b>. Type <i>yes</i> if that's right, or write another kabupaten/kota.
content-region-which = Several places have a similar name. Which one do you mean?
content-region-province = {$province} is a province. Which kabupaten/kota in it?
content-region-suggest = I couldn't find "{$text}". Did you mean one of these?
content-region-unknown = I couldn't find "{$text}". Try just the kabupaten/kota name, e.g. <i>Cilegon</i>.
content-region-saved = OK, your area: <b>{$region}</b>.
content-topics-ask = Which topics do you care about most? Pick one or more, then press <b>Done</b>.
content-topics-none = Please pick at least one topic.
content-topics-saved = Your topics: {$topics}.
content-lb-ask = May your name appear on your cohort's leaderboard (/leaderboard)? If not, you still count, but your name isn't shown.
content-lb-yes = Yes, show it
content-lb-no = No, thanks
content-lb-yes-saved = Your name will appear on the leaderboard.
content-lb-no-saved = Your name won't be shown on the leaderboard.
content-setup-done = Your alumni profile is complete, thank you 🙏 Open <b>Campaign Content</b> to start sharing, and /impact to see your reach.
content-setup-later = OK, you can finish this later with /alumni.
content-alumni-only = This is for alumni. If you're one of our training alumni, open the invite link from your cohort's organisers.

# Content library
content-library-title = <b>Latest campaign content</b>
content-library-topic = <b>Campaign content: {$topic}</b>
content-library-page = Page {$page} of {$pages}. Pick an item to open and share it.
content-library-empty = No campaign content yet. We'll let you know when there is.
content-library-empty-topic = No content on {$topic} yet.
content-browse-topics = 🏷 Pick a topic
content-browse-all = All topics
content-browse-pick-topic = Which topic would you like to see?
content-share-button = 📤 Share
content-shared-button = ✅ I've shared it

# Sharing
content-share-where = Thank you for spreading <b>{$title}</b>! 🙌 Where did you share it?
content-share-thanks-short = Noted, thank you!
content-share-recorded = Noted: you shared it on <b>{$channel}</b> 🙌 If there's a link (e.g. an Instagram post), send it here. If not, press Skip.
content-share-link-saved = The link is saved. Thank you for helping keep the peace 🙏
content-share-done = Thank you for helping keep the peace 🙏
content-inline-footer = Join the movement: {$link}
content-inline-join = Join Rukun
content-referral-welcome = You joined through <b>{$name}</b>'s invitation 🙌 Thanks for coming!
content-referral-welcome-item = You joined through <b>{$name}</b>'s invitation, from <i>{$title}</i> 🙌 Open /konten for more campaign content.
content-referral-self = That's your own invitation link. Share it with your friends 😊

# Impact and leaderboard
content-impact =
    <b>Your impact</b>

    <b>This month</b>
    {$month}

    <b>Total</b>
    {$total}
content-impact-figures =
    📤 Shared: {$shares} times ({$channels})
    🙋 Joined through your links: {$joined} people
    📝 Reports from them: {$reports}
    📊 Surveys they completed: {$surveys}
content-board-title = 🏆 <b>{$cohort} leaderboard</b>
content-board-line = {$rank}. {$name} — {$joined} joined, {$shares} shared
content-board-empty = No alumni have chosen to appear on the leaderboard yet.
content-board-me = Your rank: {$rank} of {$total} ({$joined} joined, {$shares} shared).
content-board-hidden = Your name isn't shown on this board.
content-board-show = Show my name
content-board-hide = Hide my name
content-board-no-cohort = You're not in any cohort yet. Open the invite link from your cohort's organisers.

# Coordinators: new content
content-compose-post = Send or forward the post to turn into content: text, or a photo/video/document with a caption.
content-compose-need-text = The post needs text or a caption. Please send it again.
content-compose-bad-post = This post can't be used: {$problem}
content-compose-title = What's the title? (shown in the content list and on share cards)
content-compose-title-length = The title should be 3 to {$max} characters.
content-compose-topics = Pick the content's topics, then press <b>Next</b>.
content-compose-topics-chosen = Topics: {$topics}. This is how it will look:
content-compose-confirm = Publish this content?
content-compose-publish = ✅ Publish
content-compose-published = <b>{$title}</b> is published (<code>{$slug}</code>).
content-push-ask = Send it to alumni now?
content-push-all = All alumni
content-push-cohort = By cohort
content-push-region = By region
content-push-topic = By topic
content-push-none = Not now
content-push-skipped = OK, not sent. The content is in /konten.
content-push-pick-cohort = Which cohort?
content-push-pick-topic = Alumni who care about which topic?
content-push-ask-region = Type the province or kabupaten/kota (or its code, e.g. 36.72).
content-push-bad-region = Region not found: {$problem}
content-push-done = Broadcast #{$id} of <b>{$title}</b> is scheduled. Follow its progress with /siaran.

# Coordinators: cohorts and stats
content-cohorts-title = <b>Cohorts</b>
content-cohorts-empty = No cohorts yet. Add one with /angkatan_baru Cohort name | region
content-cohort-line = #{$id} {$name} — {$region} — {$members} alumni, {$pending} on the roster not joined yet
content-cohort-link = 🔗 Link #{$id}
content-cohort-revoke = ⛔ Revoke #{$id}
content-cohort-add-usage = Usage: /angkatan_baru Cohort name | region, e.g. <code>/angkatan_baru Sekolah Demokrasi Banten 2023 | Banten</code>
content-cohort-bad-region = Region not found: {$problem}
content-cohort-added = Cohort <b>{$name}</b> created. Invite link: {$link}
content-cohort-invite = Invite link of <b>{$name}</b>: {$link}
content-cohort-renewed = The old invite codes of <b>{$name}</b> are revoked. New link: {$link}
content-stats-items = <b>By item</b> (shared · joined)
content-stats-cohorts = <b>By cohort</b> (shared · joined)
content-stats-line = {$title}: {$shares} shared ({$channels}) · {$joined} joined
content-stats-none = No data yet.

cmd-content-new = Add campaign content

# Errors
content-error-generic = Sorry, this request can't be processed.
content-error-not-allowed = Sorry, this is for coordinators only.
content-error-unknown-cohort = Cohort #{$id} not found.
content-error-duplicate-cohort = A cohort named {$name} already exists.
content-error-cohort-name = A cohort name is 3 to 200 characters.
content-error-cohort-dates = A cohort cannot end before it starts.
content-error-unknown-item = This content is no longer available.
content-error-unknown-topic = Unknown topic "{$topic}".
content-error-bad-channel = Unknown channel "{$channel}".
content-error-bad-link = That doesn't look like a link. Send a link starting with https://, or press Skip.
content-error-broadcast = The broadcast could not be created: {$problem}

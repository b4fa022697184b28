## Partners registering from their group, and /id (English)

partners-greeting =
    Hello everyone 🙏 I am <b>Rukun</b>.
    Citizens report incidents of intolerance to me, and I pass each report on to the local partner without revealing who sent it. In a partner's group you can take on reports, ask the reporter for more information and record the outcome.
partners-greeting-unregistered = This group is not registered as a partner yet. A network coordinator can register it with the button below, or with the /daftarmitra command.
partners-greeting-registered = This group is registered as the partner <b>{$partner}</b>. Partner members join through the invite link from a coordinator.
partners-btn-register = 🤝 Register this group as a partner

partners-only-coordinators = Sorry, only coordinators can register a group as a partner. Please contact your network's coordinator.
partners-only-groups = This command is used in the partner's group: add me to that group, then send /daftarmitra there.
partners-expired = This step is no longer valid. Please start again with /daftarmitra.

partners-name-ask = {$mention}, what is the partner's name? I suggest: <b>{$name}</b>
partners-btn-name-ok = ✅ Use this name
partners-btn-name-type = ✏️ Type another name
partners-name-prompt = {$mention}, please reply to this message with the partner's name (2–128 characters), for example <i>FKUB Kota Cilegon</i>.
partners-name-bad = A partner's name must be 2–128 characters. Please reply again with another name.
partners-name-taken = The name <b>{$name}</b> is already another partner's. Please choose another name.

partners-regions =
    <b>Where {$partner} works</b>
    Reports from these places will come to this group. Search for a regency/city, or choose a province.

    {$chosen}
partners-regions-none = No place chosen yet.
partners-regions-chosen = Chosen: {$list}
partners-province = {$name} Province
partners-national = All of Indonesia
partners-btn-search = 🔎 Search regency/city
partners-btn-provinces = 🗺️ Choose a province
partners-btn-national = 🇮🇩 All of Indonesia
partners-btn-next = Next ➡️
partners-btn-back = ⬅️ Back
partners-btn-cancel = ✖️ Cancel
partners-need-region = Please choose at least one place first.
partners-search-prompt = {$mention}, please reply to this message with the name of a regency/city or province, for example <i>Cilegon</i>.
partners-search-results = Results for <b>{$query}</b>. Choose the place to add:
partners-search-none = No place called <b>{$query}</b> found. Try another spelling, or choose its province.
partners-btn-search-again = 🔎 Search again
partners-provinces = Choose a province:

partners-categories =
    <b>Report categories for {$partner}</b>
    Choose one or more categories this partner handles, or <b>All</b>.
partners-btn-all = All categories
partners-need-category = Please choose at least one category, or All.
partners-all-categories = all categories

partners-summary =
    <b>Please check, {$mention}:</b>
    Partner name: <b>{$partner}</b>
    Places: {$regions}
    Categories: {$categories}

    Save as the partner for this group?
partners-btn-save = ✅ Save
partners-btn-edit = ✏️ Change places
partners-saved = ✅ This group is now registered as the partner <b>{$partner}</b>. Reports for {$regions} ({$categories}) will come here.
partners-cancelled = Partner registration cancelled. Nothing was changed.
partners-invite =
    Members of <b>{$partner}</b>: please open this link to join as partner members, so you can handle reports. The link is valid for {$days} days.
    {$link}
partners-btn-join = 🤝 Join as a partner member

partners-existing =
    This group is already registered as the partner <b>{$partner}</b>.
    Places: {$regions}
    Categories: {$categories}
partners-btn-change = ✏️ Change places and categories
partners-btn-invite = 🔗 Member invite link

report-error-not-member = Sorry, this button is only for the partner this report was sent to, or coordinators. You are not registered as a member of this group's partner yet: ask a coordinator for the partner invite link.

id-chat-private = This is your private chat with me.
id-chat-group = <b>This chat's id:</b> <code>{$chat_id}</code> ({$type}, <i>{$title}</i>)
id-topic = <b>Topic id:</b> <code>{$thread_id}</code>
id-user = <b>Your id:</b> <code>{$user_id}</code>
id-hint = For config.yml: the coordinators' group id goes in <code>coordinators_chat_id</code>, admins' ids in <code>admins</code>.

cmd-id = This chat's id and yours
cmd-register-partner = Register this group as a partner

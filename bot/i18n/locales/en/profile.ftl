## Profile: where one lives (asked once, after a first report), language, roles

profile-region-ask =
    One more question, you may skip it: do you live in <b>{$place}</b>?
    It lets us send you news and surveys for your area. Partners never see it.
profile-region-ask-open =
    One more question, you may skip it: which kabupaten/kota do you live in?
    It lets us send you news and surveys for your area. Partners never see it.
profile-btn-yes = ✅ Yes
profile-btn-change = ✏️ No, change it
profile-btn-type = ✏️ Type a kabupaten/kota
profile-btn-skip = Skip
profile-btn-cancel = ✖️ Cancel

profile-region-type = Type the name of the kabupaten/kota where you live, e.g. <i>Kota Serang</i> or <i>Kabupaten Lebak</i>.
profile-region-one = Do you mean <b>{$place}</b>?
profile-region-several = Several places match. Which one?
profile-region-suggest = I could not find “{$name}”. Is it one of these? Or type it again.
profile-region-not-found = I could not find “{$name}”. Try typing the kabupaten/kota again, e.g. <i>Kota Cilegon</i>.
profile-region-province = {$name} is a province. Please type the kabupaten/kota, e.g. <i>Kota Serang</i>.
profile-region-saved = Saved: you live in <b>{$place}</b>. You can change it any time with /profil.
profile-region-skipped = All right, no problem. If you want to fill it in later, open /profil.
profile-region-kept = All right, your place of residence stays as it was.
profile-region-cleared = Your place of residence has been removed.
profile-bad-choice = That choice is not valid. Please open /profil again.

profile-title = <b>Your profile</b>
profile-name = Name: {$name} (as your Telegram account shows it)
profile-language = Language: {$language}
profile-region = Lives in: {$place}
profile-region-none = not given
profile-roles = Roles: {$roles}
profile-privacy = Where you live is only used to send you news and surveys for your area, and is never shown to partners.
profile-btn-region-set = 📍 Say where I live
profile-btn-region-change = 📍 Change where I live
profile-btn-region-clear = 🗑 Remove where I live
profile-btn-language = 🌐 Change language
profile-private-only = I show your profile only in a private chat. Please send /profil to me directly.

profile-role-citizen = citizen
profile-role-alumni = alumni
profile-role-partner = partner
profile-role-coordinator = coordinator
profile-role-admin = admin

cmd-profile = Your profile: where you live, language

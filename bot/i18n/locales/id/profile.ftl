## Profil: tempat tinggal (ditanya sekali, setelah laporan pertama), bahasa, peran

profile-region-ask =
    Satu pertanyaan lagi, boleh dilewati: apakah kamu tinggal di <b>{$place}</b>?
    Dengan begitu kami bisa mengirimimu kabar dan survei untuk daerahmu. Mitra tidak akan melihatnya.
profile-region-ask-open =
    Satu pertanyaan lagi, boleh dilewati: kamu tinggal di kabupaten/kota mana?
    Dengan begitu kami bisa mengirimimu kabar dan survei untuk daerahmu. Mitra tidak akan melihatnya.
profile-btn-yes = ✅ Ya
profile-btn-change = ✏️ Bukan, ganti
profile-btn-type = ✏️ Ketik kabupaten/kota
profile-btn-skip = Lewati
profile-btn-cancel = ✖️ Batal

profile-region-type = Ketik nama kabupaten/kota tempat tinggalmu, misalnya <i>Kota Serang</i> atau <i>Kabupaten Lebak</i>.
profile-region-one = Maksudnya <b>{$place}</b>?
profile-region-several = Ada beberapa yang cocok. Yang mana?
profile-region-suggest = Saya belum menemukan «{$name}». Mungkin salah satu ini? Atau ketik lagi.
profile-region-not-found = Saya belum menemukan «{$name}». Coba ketik lagi nama kabupaten/kotanya, misalnya <i>Kota Cilegon</i>.
profile-region-province = {$name} itu provinsi. Ketik kabupaten/kotanya, ya, misalnya <i>Kota Serang</i>.
profile-region-saved = Tersimpan: kamu tinggal di <b>{$place}</b>. Bisa diubah kapan saja lewat /profil.
profile-region-skipped = Baik, tidak apa-apa. Kalau nanti mau mengisinya, buka /profil.
profile-region-kept = Baik, tempat tinggalmu tidak diubah.
profile-region-cleared = Tempat tinggalmu sudah dihapus.
profile-bad-choice = Pilihan ini tidak berlaku. Buka /profil lagi, ya.

profile-title = <b>Profilmu</b>
profile-name = Nama: {$name} (sesuai akun Telegram-mu)
profile-language = Bahasa: {$language}
profile-region = Tempat tinggal: {$place}
profile-region-none = belum diisi
profile-roles = Peran: {$roles}
profile-privacy = Tempat tinggalmu hanya dipakai untuk mengirim kabar dan survei yang sesuai daerahmu, dan tidak pernah ditunjukkan kepada mitra.
profile-btn-region-set = 📍 Isi tempat tinggal
profile-btn-region-change = 📍 Ubah tempat tinggal
profile-btn-region-clear = 🗑 Hapus tempat tinggal
profile-btn-language = 🌐 Ganti bahasa
profile-private-only = Profilmu hanya saya tunjukkan di chat pribadi. Kirim /profil langsung ke saya, ya.

profile-role-citizen = warga
profile-role-alumni = alumni
profile-role-partner = mitra
profile-role-coordinator = koordinator
profile-role-admin = admin

cmd-profile = Profilmu: tempat tinggal, bahasa

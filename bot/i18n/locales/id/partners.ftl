## Partners registering from their group, and /id (Bahasa Indonesia)

partners-greeting =
    Salam, Bapak/Ibu semua 🙏 Saya <b>Rukun</b>.
    Warga melaporkan insiden intoleransi kepada saya, lalu laporannya saya teruskan ke mitra setempat tanpa membuka identitas pelapor. Di grup mitra, Bapak/Ibu dapat menangani laporan, meminta info tambahan kepada pelapor, dan mencatat hasilnya.
partners-greeting-unregistered = Grup ini belum terdaftar sebagai mitra. Koordinator jaringan dapat mendaftarkannya dengan tombol di bawah, atau dengan perintah /daftarmitra.
partners-greeting-registered = Grup ini terdaftar sebagai mitra <b>{$partner}</b>. Anggota mitra bergabung lewat tautan undangan dari koordinator.
partners-btn-register = 🤝 Daftarkan grup ini sebagai mitra

partners-only-coordinators = Maaf, hanya koordinator yang dapat mendaftarkan grup sebagai mitra. Silakan hubungi koordinator jaringan Anda.
partners-only-groups = Perintah ini dipakai di grup mitra: tambahkan saya ke grup itu, lalu kirim /daftarmitra di sana.
partners-expired = Langkah ini sudah tidak berlaku. Silakan mulai lagi dengan /daftarmitra.

partners-name-ask = Bapak/Ibu {$mention}, apa nama mitranya? Usul saya: <b>{$name}</b>
partners-btn-name-ok = ✅ Pakai nama ini
partners-btn-name-type = ✏️ Ketik nama lain
partners-name-prompt = {$mention}, silakan balas pesan ini dengan nama mitra (2–128 huruf), misalnya <i>FKUB Kota Cilegon</i>.
partners-name-bad = Nama mitra harus 2–128 huruf. Silakan balas lagi dengan nama lain.
partners-name-taken = Nama <b>{$name}</b> sudah dipakai mitra lain. Silakan pilih nama lain.

partners-regions =
    <b>Wilayah kerja {$partner}</b>
    Laporan dari wilayah ini akan masuk ke grup ini. Cari kabupaten/kota, atau pilih provinsi.

    {$chosen}
partners-regions-none = Belum ada wilayah yang dipilih.
partners-regions-chosen = Terpilih: {$list}
partners-province = Provinsi {$name}
partners-national = Seluruh Indonesia
partners-btn-search = 🔎 Cari kabupaten/kota
partners-btn-provinces = 🗺️ Pilih provinsi
partners-btn-national = 🇮🇩 Seluruh Indonesia
partners-btn-next = Lanjut ➡️
partners-btn-back = ⬅️ Kembali
partners-btn-cancel = ✖️ Batal
partners-need-region = Pilih minimal satu wilayah dulu.
partners-search-prompt = {$mention}, silakan balas pesan ini dengan nama kabupaten/kota atau provinsi, misalnya <i>Cilegon</i>.
partners-search-results = Hasil untuk <b>{$query}</b>. Pilih wilayah yang ingin ditambahkan:
partners-search-none = Wilayah <b>{$query}</b> tidak ditemukan. Coba ejaan lain, atau pilih provinsinya.
partners-btn-search-again = 🔎 Cari lagi
partners-provinces = Pilih provinsi:

partners-categories =
    <b>Kategori laporan untuk {$partner}</b>
    Pilih satu atau beberapa kategori yang ditangani mitra ini, atau <b>Semua</b>.
partners-btn-all = Semua kategori
partners-need-category = Pilih minimal satu kategori, atau Semua.
partners-all-categories = semua kategori

partners-summary =
    <b>Mohon diperiksa, Bapak/Ibu {$mention}:</b>
    Nama mitra: <b>{$partner}</b>
    Wilayah: {$regions}
    Kategori: {$categories}

    Simpan sebagai mitra untuk grup ini?
partners-btn-save = ✅ Simpan
partners-btn-edit = ✏️ Ubah wilayah
partners-saved = ✅ Grup ini sekarang terdaftar sebagai mitra <b>{$partner}</b>. Laporan untuk {$regions} ({$categories}) akan masuk ke sini.
partners-cancelled = Pendaftaran mitra dibatalkan. Tidak ada yang diubah.
partners-invite =
    Bapak/Ibu anggota <b>{$partner}</b>: silakan buka tautan ini untuk bergabung sebagai anggota mitra, agar dapat menangani laporan. Tautan berlaku {$days} hari.
    {$link}
partners-btn-join = 🤝 Gabung sebagai anggota mitra

partners-existing =
    Grup ini sudah terdaftar sebagai mitra <b>{$partner}</b>.
    Wilayah: {$regions}
    Kategori: {$categories}
partners-btn-change = ✏️ Ubah wilayah dan kategori
partners-btn-invite = 🔗 Tautan undangan anggota

report-error-not-member = Maaf, tombol ini hanya untuk mitra yang menerima laporan ini atau koordinator. Bapak/Ibu belum terdaftar sebagai anggota mitra grup ini: mintalah tautan undangan mitra kepada koordinator.

id-chat-private = Ini chat pribadi Anda dengan saya.
id-chat-group = <b>ID chat ini:</b> <code>{$chat_id}</code> ({$type}, <i>{$title}</i>)
id-topic = <b>ID topik:</b> <code>{$thread_id}</code>
id-user = <b>ID Anda:</b> <code>{$user_id}</code>
id-hint = Untuk config.yml: ID grup koordinator dipakai sebagai <code>coordinators_chat_id</code>, ID admin dimasukkan ke <code>admins</code>.

cmd-id = ID chat ini dan ID Anda
cmd-register-partner = Daftarkan grup ini sebagai mitra

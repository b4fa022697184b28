## Dasbor (Telegram Mini App) koordinator dan mitra

web-title = Dasbor
web-nav-cases = Kasus
web-nav-surveys = Survei
web-nav-broadcasts = Siaran
web-sign-out = Keluar
web-signin-title = Masuk ke dasbor Rukun
web-signin-help = Buka dasbor dari tombol menu bot di Telegram. Di komputer, kirim /dasbor ke bot dan buka tautan masuk yang dikirimkan.
web-signin-failed = Maaf, Anda belum bisa masuk. Tutup dasbor lalu buka lagi dari tombol menu bot.
web-login-confirm = Tautan ini hanya bisa dipakai sekali dan berlaku beberapa menit.
web-login-button = Masuk
web-login-expired = Tautan masuk ini sudah dipakai atau kedaluwarsa. Kirim /dasbor ke bot untuk tautan baru.
web-no-access = Dasbor ini untuk koordinator dan anggota mitra. Hubungi koordinator jaringan bila Anda perlu akses.

web-cases-title = Kasus yang dilaporkan
web-cases-partner-scope = Anda melihat kasus yang diteruskan ke lembaga Anda.
web-cases-count = { $n ->
    [0] Tidak ada kasus
   *[other] { $n } kasus
}
web-cases-none = Belum ada kasus yang cocok dengan saringan ini.
web-filter-area = Wilayah
web-filter-all = Semua
web-filter-category = Kategori
web-filter-status = Status
web-filter-since = Dari tanggal
web-filter-until = Sampai tanggal
web-filter-text = Cari (kode atau isi laporan)
web-filter-apply = Terapkan
web-filter-reset = Hapus saringan
web-error-date = Tanggal tidak dikenali; tulis seperti 2026-12-31. Saringan tanggal itu diabaikan.
web-error-date-order = Tanggal akhir lebih awal dari tanggal mulai; saringan tanggal akhir diabaikan.
web-error-area = Kode wilayah tidak dikenal; saringan wilayah diabaikan.
web-error-category = Kategori tidak dikenal; saringan kategori diabaikan.
web-error-status = Status tidak dikenal; saringan status diabaikan.
web-export-reports = Unduh semua laporan (XLSX)
web-map-label = Peta kasus di Indonesia
web-map-caption = { $n } kasus di peta. Titik ditempatkan di lokasi yang dibagikan pelapor, atau di sekitar ibu kota provinsinya.
web-urgent = Mendesak

web-status-open = Menunggu
web-status-claimed = Ditangani
web-status-resolved = Selesai
web-status-rejected = Ditolak
web-status-merged = Digabung

web-case-category = Kategori
web-case-place = Tempat
web-case-when = Kapan
web-case-created = Dilaporkan
web-case-reporter = Pelapor
web-case-anonymous = Anonim
web-case-erased = (data pelapor sudah dihapus)
web-case-claimed = Ditangani oleh
web-case-outcome = Hasil
web-case-evidence = Bukti
web-case-no-evidence = Tidak ada bukti terlampir.
web-case-timeline = Riwayat
web-media-photo = Foto
web-media-video = Video
web-media-document = Dokumen
web-media-voice = Pesan suara
web-media-audio = Audio
web-actor-reporter = pelapor
web-actor-partner = mitra
web-actor-coordinator = koordinator
web-actor-system = sistem
web-reveal-help = Identitas pelapor anonim hanya dibuka bila benar-benar perlu. Pembukaan ini dicatat di riwayat kasus.
web-reveal-button = Buka identitas pelapor
web-reveal-shown = Pelapor: { $name }
web-reveal-erased = Data pelapor sudah dihapus; identitasnya tidak bisa dibuka.

web-surveys-title = Survei
web-surveys-none = Belum ada survei.
web-survey-progress = Diundang { $invited } · mulai { $started } · selesai { $completed }
web-export-survey = Unduh hasil (XLSX)
web-survey-before-after = Sebelum dan sesudah (dibandingkan dengan { $vs })
web-survey-before = Sebelum
web-survey-after = Sesudah
web-survey-mean = rata-rata

web-broadcasts-title = Siaran
web-broadcasts-none = Belum ada siaran.
web-broadcast-sent = Terkirim
web-broadcast-failed = gagal

web-menu-button = Dasbor
web-dasbor-link = Ini tautan masuk dasbor Anda. Tautan ini hanya bisa dipakai sekali dan berlaku { $minutes } menit; jangan dibagikan.
web-dasbor-open = Buka dasbor
web-dasbor-no-access = Dasbor hanya untuk koordinator dan anggota mitra.
web-dasbor-no-url = Dasbor belum bisa dibuka: alamat web (web.public_url) belum diatur oleh pengelola.

web-nav-partners = Mitra
web-partners-title = Angka per mitra
web-partners-name = Mitra
web-partners-routed = Kasus diterima
web-partners-in-hand = Sedang ditangani
web-partners-resolved = Selesai
web-partners-rejected = Ditolak
web-partners-hours = Rata-rata jam sampai ditangani
web-partners-inactive = nonaktif
web-partners-none = Belum ada mitra terdaftar.

web-nav-admin = Pengaturan
web-admin-title = Pengaturan jaringan
web-admin-open = Buka survei
web-admin-close = Tutup survei
web-admin-bad-status = Status survei tidak dikenal (pilih buka atau tutup).
web-admin-survey-changed = Survei { $slug } sekarang { $status }.
web-admin-survey-unchanged = Survei { $slug } memang sudah { $status }.
web-admin-partners = Mitra
web-admin-partner-name = Nama lembaga
web-admin-partner-chat = ID grup Telegram
web-admin-partner-regions = Wilayah (kode atau nama, pisahkan dengan koma)
web-admin-partner-categories = Kategori (* untuk semua)
web-admin-partner-add = Daftarkan mitra
web-admin-partner-added = Mitra { $name } sudah terdaftar.
web-admin-partner-refused = Mitra belum bisa didaftarkan: { $why }
web-admin-bad-chat = ID grup harus berupa angka, misalnya -1001234567890 (kirim /id di grup itu untuk melihatnya).
web-admin-roles = Peran pengguna
web-admin-user-id = ID Telegram pengguna
web-admin-role = Peran
web-admin-grant = Berikan peran
web-admin-bad-grant = Tulis ID Telegram berupa angka dan pilih salah satu peran.
web-admin-unknown-user = Pengguna { $id } belum pernah memulai bot; minta ia mengirim /start dulu.
web-admin-granted = Peran { $role } sudah diberikan kepada { $id }.
web-admin-had-role = Pengguna { $id } memang sudah punya peran { $role }.

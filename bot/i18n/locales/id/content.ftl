## Alumni dan konten kampanye (Bahasa Indonesia)

content-back = ⬅️ Kembali
content-cancel = Batal
content-skip = Lewati
content-done = Selesai ✅
content-next = Lanjut ➡️

content-topic-toleransi = Toleransi
content-topic-kebebasan-beragama = Kebebasan beragama
content-topic-demokrasi = Demokrasi
content-topic-pemilu = Pemilu damai
content-topic-cek-fakta = Cek fakta
content-topic-hak-minoritas = Hak kelompok minoritas

content-channel-whatsapp = WhatsApp
content-channel-instagram = Instagram
content-channel-facebook = Facebook
content-channel-tiktok = TikTok
content-channel-x = X
content-channel-telegram = Telegram
content-channel-offline = Luring

# Undangan angkatan dan profil alumni
content-invite-welcome = Selamat bergabung di jaringan alumni <b>{$cohort}</b> 🎉 Mulai sekarang kamu akan menerima konten kampanye untuk dibagikan.
content-region-ask = Kamu tinggal di kabupaten/kota mana? Ketik namanya, misalnya <i>Kota Serang</i> atau <i>Kabupaten Lebak</i>.
content-region-confirm = Menurut data panitia, kamu tinggal di <b>{$region}</b>. Ketik <i>ya</i> kalau benar, atau tulis kabupaten/kota lain.
content-region-which = Ada beberapa yang namanya mirip. Yang mana maksudmu?
content-region-province = {$province} itu provinsi. Kabupaten/kota mananya, ya?
content-region-suggest = Saya belum menemukan "{$text}". Mungkin maksudmu salah satu ini?
content-region-unknown = Saya belum menemukan "{$text}". Coba tulis nama kabupaten/kotanya saja, misalnya <i>Cilegon</i>.
content-region-saved = Oke, wilayahmu: <b>{$region}</b>.
content-topics-ask = Topik apa saja yang paling kamu pedulikan? Pilih satu atau lebih, lalu tekan <b>Selesai</b>.
content-topics-none = Pilih minimal satu topik dulu, ya.
content-topics-saved = Topik pilihanmu: {$topics}.
content-lb-ask = Boleh namamu tampil di papan peringkat angkatan (/peringkat)? Kalau tidak, kamu tetap dihitung tapi namamu tidak ditampilkan.
content-lb-yes = Boleh, tampilkan
content-lb-no = Tidak usah
content-lb-yes-saved = Namamu akan tampil di papan peringkat.
content-lb-no-saved = Namamu tidak akan ditampilkan di papan peringkat.
content-setup-done = Profil alumnimu sudah lengkap, terima kasih 🙏 Buka <b>Konten Kampanye</b> untuk mulai berbagi, dan /dampak untuk melihat jangkauanmu.
content-setup-later = Oke, bisa dilanjutkan nanti lewat /alumni.
content-alumni-only = Fitur ini khusus alumni. Kalau kamu alumni pelatihan kami, buka tautan undangan dari panitia angkatanmu.

# Pustaka konten
content-library-title = <b>Konten kampanye terbaru</b>
content-library-topic = <b>Konten kampanye: {$topic}</b>
content-library-page = Halaman {$page} dari {$pages}. Pilih konten untuk dibuka dan dibagikan.
content-library-empty = Belum ada konten kampanye. Nanti kami kabari kalau sudah ada, ya.
content-library-empty-topic = Belum ada konten untuk topik {$topic}.
content-browse-topics = 🏷 Pilih topik
content-browse-all = Semua topik
content-browse-pick-topic = Mau lihat konten topik apa?
content-share-button = 📤 Bagikan
content-shared-button = ✅ Sudah saya bagikan

# Berbagi
content-share-where = Terima kasih sudah menyebarkan <b>{$title}</b>! 🙌 Kamu membagikannya di mana?
content-share-thanks-short = Tercatat, terima kasih!
content-share-recorded = Tercatat: kamu membagikannya di <b>{$channel}</b> 🙌 Kalau ada tautannya (misalnya postingan Instagram), kirim di sini. Kalau tidak ada, tekan Lewati.
content-share-link-saved = Tautannya sudah tersimpan. Terima kasih sudah ikut merawat kerukunan 🙏
content-share-done = Terima kasih sudah ikut merawat kerukunan 🙏
content-inline-footer = Ikut bergerak bersama kami: {$link}
content-inline-join = Gabung Rukun
content-referral-welcome = Kamu bergabung lewat ajakan <b>{$name}</b> 🙌 Terima kasih sudah datang!
content-referral-welcome-item = Kamu bergabung lewat ajakan <b>{$name}</b> dari konten <i>{$title}</i> 🙌 Buka /konten untuk melihat konten kampanye lainnya.
content-referral-self = Ini tautan ajakanmu sendiri. Bagikan ke teman-temanmu, ya 😊

# Dampak dan peringkat
content-impact =
    <b>Dampakmu</b>

    <b>Bulan ini</b>
    {$month}

    <b>Total</b>
    {$total}
content-impact-figures =
    📤 Dibagikan: {$shares} kali ({$channels})
    🙋 Bergabung lewat tautanmu: {$joined} orang
    📝 Laporan dari mereka: {$reports}
    📊 Survei yang mereka isi: {$surveys}
content-board-title = 🏆 <b>Papan peringkat {$cohort}</b>
content-board-line = {$rank}. {$name} — {$joined} bergabung, {$shares} dibagikan
content-board-empty = Belum ada alumni yang memilih tampil di papan peringkat.
content-board-me = Peringkatmu: {$rank} dari {$total} ({$joined} bergabung, {$shares} dibagikan).
content-board-hidden = Namamu tidak ditampilkan di papan ini.
content-board-show = Tampilkan namaku
content-board-hide = Sembunyikan namaku
content-board-no-cohort = Kamu belum terdaftar di angkatan mana pun. Buka tautan undangan dari panitia angkatanmu, ya.

# Koordinator: konten baru
content-compose-post = Kirim atau teruskan postingan yang mau dijadikan konten: teks, atau foto/video/dokumen dengan keterangan.
content-compose-need-text = Postingannya perlu ada teks atau keterangan, ya. Coba kirim lagi.
content-compose-bad-post = Postingan ini belum bisa dipakai: {$problem}
content-compose-title = Apa judul kontennya? (judul tampil di daftar konten dan di kartu berbagi)
content-compose-title-length = Judulnya 3 sampai {$max} karakter, ya.
content-compose-topics = Pilih topik kontennya, lalu tekan <b>Lanjut</b>.
content-compose-topics-chosen = Topik: {$topics}. Begini tampilannya nanti:
content-compose-confirm = Terbitkan konten ini?
content-compose-publish = ✅ Terbitkan
content-compose-published = Konten <b>{$title}</b> sudah terbit (<code>{$slug}</code>).
content-push-ask = Mau langsung dikirim ke alumni?
content-push-all = Semua alumni
content-push-cohort = Per angkatan
content-push-region = Per wilayah
content-push-topic = Per topik
content-push-none = Tidak sekarang
content-push-skipped = Oke, tidak dikirim. Kontennya sudah ada di /konten.
content-push-pick-cohort = Kirim ke angkatan mana?
content-push-pick-topic = Kirim ke alumni yang peduli topik apa?
content-push-ask-region = Ketik nama provinsi atau kabupaten/kota tujuannya (atau kodenya, misalnya 36.72).
content-push-bad-region = Wilayahnya belum ketemu: {$problem}
content-push-done = Siaran #{$id} untuk <b>{$title}</b> sudah dijadwalkan. Perkembangannya bisa dipantau lewat /siaran.

# Koordinator: angkatan dan statistik
content-cohorts-title = <b>Angkatan</b>
content-cohorts-empty = Belum ada angkatan. Tambahkan dengan /angkatan_baru Nama angkatan | wilayah
content-cohort-line = #{$id} {$name} — {$region} — {$members} alumni, {$pending} di daftar peserta belum bergabung
content-cohort-link = 🔗 Tautan #{$id}
content-cohort-revoke = ⛔ Cabut #{$id}
content-cohort-add-usage = Cara pakai: /angkatan_baru Nama angkatan | wilayah, misalnya <code>/angkatan_baru Sekolah Demokrasi Banten 2023 | Banten</code>
content-cohort-bad-region = Wilayahnya belum ketemu: {$problem}
content-cohort-added = Angkatan <b>{$name}</b> sudah dibuat. Tautan undangannya: {$link}
content-cohort-invite = Tautan undangan <b>{$name}</b>: {$link}
content-cohort-renewed = Kode undangan lama <b>{$name}</b> sudah dicabut. Tautan baru: {$link}
content-stats-items = <b>Per konten</b> (dibagikan · bergabung)
content-stats-cohorts = <b>Per angkatan</b> (dibagikan · bergabung)
content-stats-line = {$title}: {$shares} dibagikan ({$channels}) · {$joined} bergabung
content-stats-none = Belum ada data.

cmd-content-new = Tambah konten kampanye

# Galat
content-error-generic = Maaf, permintaan ini belum bisa diproses.
content-error-not-allowed = Maaf, ini hanya untuk koordinator.
content-error-unknown-cohort = Angkatan #{$id} tidak ditemukan.
content-error-duplicate-cohort = Sudah ada angkatan bernama {$name}.
content-error-cohort-name = Nama angkatan 3 sampai 200 karakter, ya.
content-error-cohort-dates = Tanggal selesai angkatan tidak boleh sebelum tanggal mulai.
content-error-unknown-item = Konten ini sudah tidak tersedia.
content-error-unknown-topic = Topik "{$topic}" tidak dikenal.
content-error-bad-channel = Saluran "{$channel}" tidak dikenal.
content-error-bad-link = Itu sepertinya bukan tautan. Kirim tautan yang diawali https://, atau tekan Lewati.
content-error-broadcast = Siarannya belum bisa dibuat: {$problem}

## Incident reports (Bahasa Indonesia)

### Sapaan: warga (pelapor) disapa "kamu", hangat dan singkat. Anggota mitra dan koordinator
### disapa "Anda" (atau Bapak/Ibu), formal: kartu, perintah, konfirmasi, pengingat, eskalasi.
###
### Ikon, satu arti masing-masing (sama di en/reports.ftl):
###   🚨 mendesak, darurat         ⏳ menunggu ditangani         🙋 Tangani, sedang ditangani
###   🔒 ditangani mitra lain      ✔️ Selesai (kasus ditutup)    ✖️ Tolak, Batal
###   ↪️ Teruskan, Alihkan         ⏫ naik satu tingkat          ❓ pertanyaan mitra ke pelapor
###   💬 jawaban pelapor, Balas    ➕ keterangan tambahan        ⏰ pengingat
###   📜 Riwayat                   👤 identitas pelapor          ⚠️ perlu dicek koordinator
###   📝 lanjutan cerita           ✅ langkah formulir: ya, lanjut, tersimpan
###   🛡️ mulai melapor (aman)      📨 Kirim laporan              🙈 Samarkan
###   navigasi: ⬅️ Kembali · ▶️ Lanjutkan · 🔄 Mulai ulang · ✏️ ketik lagi · ◀️ ▶️ halaman
###   📎 tombol lampiran Telegram (dalam petunjuk)
###   🙏 🙂 terima kasih, mohon, ramah: hanya dalam pesan untuk warga
### Ikon tombol diulang di teks yang menyebut tombol itu: "tekan <b>🙋 Tangani</b>".

report-start =
    <b>Lapor insiden</b> 🛡️
    Laporanmu aman bersama kami. Kamu bisa tetap anonim bagi mitra yang menanganinya.
report-ask-description = Ceritakan apa yang terjadi, dengan kata-katamu sendiri (minimal 20 huruf): siapa, apa, dan bagaimana kejadiannya.
report-desc-kept = Ceritamu sudah saya catat: <i>{$excerpt}</i>
report-desc-too-short = Ceritanya masih terlalu pendek 🙏 Tulis minimal {$min} huruf, ya, supaya mitra bisa memahami kejadiannya.
report-desc-too-long = Ceritanya terlalu panjang ({$length} huruf). Batasnya {$max} huruf, sepanjang satu pesan Telegram; tolong diringkas, ya. Foto atau dokumen bisa dikirim di langkah bukti nanti.
report-story-continued = Lanjutan ceritamu sudah saya gabungkan ✅ Sekarang panjangnya {$length} huruf.
report-story-full = Ceritamu sudah hampir {$max} huruf, itu batasnya 🙏 Bagian ini belum saya simpan; rincian lain bisa kamu kirim sebagai dokumen di langkah bukti. Sekarang pilih kategorinya, ya.
report-text-only = Di langkah ini saya butuh cerita dalam bentuk teks 🙏 Foto, video, dan dokumen bisa dikirim nanti di langkah bukti.
report-desc-too-long-start = Ceritamu {$length} huruf, lebih panjang dari batas {$max} huruf, jadi belum saya simpan 🙏 Kirim lagi versi yang lebih ringkas di bawah ini; foto atau dokumen bisa menyusul di langkah bukti.
report-resume-ask = Kamu masih punya laporan yang belum selesai. Mau dilanjutkan, atau mulai dari awal?
report-btn-resume = ▶️ Lanjutkan
report-btn-restart = 🔄 Mulai ulang

report-ask-category = Kejadiannya termasuk yang mana?
report-confirm-category = Sepertinya ini tentang <b>{$category}</b>. Benar? Kalau bukan, pilih yang lebih tepat:
report-btn-category-ok = ✅ Ya, {$category}
report-choose-category-two = Dari ceritamu, kejadian ini bisa masuk dua kategori: <b>{$first}</b> dan <b>{$second}</b>. Mana yang lebih tepat? Kalau dua-duanya kurang pas, pilih <i>Kategori lainnya</i>.
report-btn-category-more = Kategori lainnya…
report-cat-rumah-ibadah = Rumah ibadah (izin, penyegelan, penolakan)
report-cat-pembubaran-ibadah = Ibadah atau kegiatan dibubarkan
report-cat-ujaran-kebencian = Ujaran kebencian
report-cat-diskriminasi-layanan = Diskriminasi layanan publik
report-cat-intimidasi = Intimidasi atau ancaman
report-cat-kekerasan = Kekerasan atau perusakan
report-cat-kebijakan-diskriminatif = Aturan atau kebijakan diskriminatif
report-cat-lainnya = Lainnya

report-ask-place = Di kabupaten/kota mana kejadiannya? Ketik namanya, misalnya <i>Cilegon</i> atau <i>Kabupaten Bogor</i>.
report-place-confirm = Maksudnya <b>{$place}</b>?
report-place-choose = Ada beberapa tempat dengan nama itu. Yang mana?
report-place-suggest = Saya belum menemukan "{$name}". Mungkin maksudnya salah satu ini? Kalau bukan, ketik lagi namanya.
report-place-not-found = Saya belum menemukan "{$name}" 🙏 Coba ketik nama kabupaten/kotanya saja, misalnya <i>Kota Serang</i>.
report-btn-place-retype = ✏️ Bukan, ketik lagi
report-ask-pin = Mau menandai lokasinya di peta? Kirim 📎 → Lokasi. Kami hanya menyimpan perkiraan (sekitar 1 km). Boleh dilewati.
report-pin-saved = Lokasi tersimpan (dibulatkan sekitar 1 km) ✅

report-ask-when = Kapan kejadiannya?
report-when-today = Hari ini
report-when-yesterday = Kemarin
report-when-week = Dalam 7 hari terakhir
report-when-earlier = Lebih dari seminggu lalu
report-ask-date = Tanggal berapa? Tulis seperti <i>17-08-2025</i>.
report-date-invalid = Tanggalnya belum bisa saya baca. Tulis seperti <i>17-08-2025</i>, ya.
report-date-future = Tanggal itu belum terjadi 🙂 Tulis tanggal kejadiannya, ya.

report-ask-danger = Apakah ada orang yang dalam bahaya <b>saat ini</b>?
report-danger-yes = Ya, ada yang dalam bahaya
report-danger-no = Tidak
report-emergency =
    🚨 <b>Kalau ada yang terancam sekarang, segera hubungi:</b>
    • Nomor darurat: <b>112</b>
    • Polisi: <b>110</b>
    Laporanmu kami tandai <b>mendesak</b> dan mitra akan diberi tahu lebih cepat. Kita lanjutkan, ya.

report-ask-evidence = Ada bukti? Kirim foto, video, dokumen, atau pesan suara (maksimal {$max}); keterangan yang kamu tulis di bawahnya ikut dikirim. Kalau sudah, tekan <b>✅ Selesai</b>. Boleh juga dilewati.
report-media-added = Bukti diterima ({$count}/{$max}). Kirim lagi, atau tekan <b>✅ Selesai</b>.
report-media-too-many = Buktinya sudah {$max}, itu batasnya 🙏 Tekan <b>✅ Selesai</b> untuk lanjut.
report-media-too-big = File itu terlalu besar (maksimal {$max_mb} MB). Coba kirim yang lebih kecil.
report-media-unsupported = Jenis pesan itu belum bisa dipakai sebagai bukti. Kirim foto, video, dokumen, atau pesan suara, ya.
report-media-retry = Bukti itu belum tersimpan. Coba kirim sekali lagi, ya 🙏

report-ask-identity = Apakah mitra yang menangani boleh tahu namamu?
    🔒 <b>Rahasia</b>: cerita dan buktimu hanya dibaca mitra yang menangani laporanmu dan admin.
report-identity-share = Boleh, tampilkan namaku
report-identity-anonymous = Tidak, aku tetap anonim
report-ask-contact = Bolehkah mitra menghubungimu <b>lewat bot ini</b> kalau perlu informasi tambahan? Nomor dan akun Telegram-mu tidak akan terlihat.
report-contact-yes = Boleh
report-contact-no = Jangan hubungi aku

report-summary =
    <b>Periksa laporanmu</b>
    Kategori: {$category}
    Tempat: {$place}
    Waktu: {$when}
    Mendesak: {$urgent}
    Bukti: {$media}
    Identitas: {$identity}
    Boleh dihubungi: {$contact}

    <i>{$description}</i>
report-yes = ya
report-no = tidak
report-identity-shown = namamu ditampilkan
report-identity-hidden = anonim
report-btn-send = 📨 Kirim laporan
report-duplicate-ask = Laporan ini mirip dengan <b>{$code}</b> yang kamu kirim sebelumnya. Apakah ini kejadian yang sama?
report-duplicate-yes = Ya, sama
report-duplicate-no = Bukan, ini kejadian lain
report-pii-ask = Kamu memilih anonim, tapi cerita atau keterangan buktimu memuat {$items}. Data ini bisa membuat orang tahu siapa kamu. Samarkan dulu sebelum laporan dikirim?
report-pii-mask = 🙈 Ya, samarkan
report-pii-keep = Biarkan, kirim apa adanya
report-pii-masked = Sudah disamarkan. Mitra hanya akan melihat tanda [disamarkan] di tempat data itu.
report-pii-placeholder = [disamarkan]
report-pii-nik = NIK
report-pii-phone = nomor HP
report-pii-email = alamat email
report-linked = Terima kasih 🙏 Keteranganmu sudah kami tambahkan ke laporan <b>{$code}</b> dan diteruskan ke mitra yang menanganinya.
report-sent =
    Terima kasih, laporanmu sudah kami terima 🙏
    Nomor laporan: <b>{$code}</b>

    Laporan ini kami teruskan ke mitra setempat. Kami kabari kamu di sini begitu mitra menanganinya. Cek kapan saja dengan /status.
report-sent-urgent = 🚨 Karena mendesak, mitra kami minta menanggapinya dalam {$hours} jam. Kalau ada yang terancam, hubungi 112 atau polisi 110.

report-btn-back = ⬅️ Kembali
report-btn-cancel = ✖️ Batal
report-btn-skip = Lewati
report-btn-done = ✅ Selesai
report-cancelled = Oke, laporannya dibatalkan. Kalau berubah pikiran, tekan <b>Lapor Insiden</b> kapan saja.
report-bad-choice = Pilihan itu tidak berlaku. Pakai tombol di pesan terakhir, ya.
report-use-buttons = Pilih salah satu tombol di atas, ya 🙏

report-status-none = Kamu belum punya laporan. Tekan <b>Lapor Insiden</b> untuk melapor.
report-status-title = <b>Laporanmu</b>
report-status-line = <b>{$code}</b> · {$category} · {$place}
    Status: {$status} · diperbarui {$updated}
report-st-open = menunggu mitra
report-st-claimed = sedang ditangani
report-st-resolved = selesai
report-st-rejected = ditolak
report-st-merged = digabung dengan laporan sebelumnya

report-error-daily-limit = Kamu sudah mengirim {$limit} laporan dalam 24 jam terakhir. Itu batasnya untuk sekarang 🙏 Coba lagi besok, atau tambahkan keterangan lewat laporan yang sudah ada.
report-error-incomplete = Laporannya belum lengkap. Yuk lanjutkan dari langkah yang belum diisi.
report-error-generic = Maaf, itu tidak bisa dilakukan sekarang.
report-error-unknown = Laporan itu tidak ditemukan.
report-error-not-allowed = Maaf, tombol ini hanya untuk mitra yang menerima laporan ini atau koordinator.
report-error-taken = Laporan ini sudah ditangani mitra lain.
report-error-closed = Laporan ini sudah ditutup.
report-error-no-contact = Pelapor tidak bersedia dihubungi (atau datanya sudah dihapus).
report-error-claim-first = Mohon tekan 🙋 Tangani dulu sebelum menandai laporan ini selesai.
report-error-unknown-partner = Mitra itu tidak ditemukan atau sudah tidak aktif.
report-note-empty = Mohon tulis catatannya dalam bentuk teks.
report-note-too-long = Catatannya terlalu panjang (maksimal {$max} huruf). Mohon diringkas.

## Partner card and workflow
report-card-title = <b>Laporan {$code}</b>
report-card-urgent = 🚨 MENDESAK
# The story follows these lines, added by the code (Fluent caps a placeable at 2,500 characters).
report-card =
    Kategori: {$category}
    Tempat: {$place}
    Waktu: {$when}
    Pelapor: {$reporter}
    Boleh dihubungi lewat bot: {$contact}
    Bukti: {$media}
report-card-anonymous = anonim
report-card-location = Perkiraan lokasi: {$lat}, {$lon} (±1 km)
report-card-open = ⏳ Menunggu ditangani
report-card-claimed = 🙋 Ditangani oleh <b>{$partner}</b>
report-card-taken = 🔒 Sudah ditangani oleh <b>{$partner}</b>
report-card-moved = ↪️ Sudah diteruskan ke mitra lain
report-card-resolved = ✔️ Selesai: {$note}
report-card-rejected = ✖️ Ditolak: {$note}
report-coordinator-partner = koordinator
report-btn-claim = 🙋 Tangani
report-btn-ask = ❓ Minta Info
report-btn-forward = ↪️ Teruskan
report-btn-resolve = ✔️ Selesai
report-btn-reject = ✖️ Tolak
report-btn-timeline = 📜 Riwayat
report-claimed-ok = Laporan {$code} sekarang Anda tangani.
report-claimed-again = Laporan {$code} sudah ditangani lembaga Anda. Kartunya kami perbarui.
report-prompt-question = {$name}, silakan tulis pertanyaan Anda untuk pelapor {$code} sebagai balasan pesan ini:
report-prompt-resolve = {$name}, silakan tulis hasil penanganan {$code} secara singkat (akan dikirim ke pelapor):
report-prompt-reject = {$name}, silakan tulis alasan penolakan {$code} (akan dikirim ke pelapor):
report-question-sent = Pertanyaan Anda untuk pelapor {$code} sudah dikirim lewat bot.
report-answer-relayed =
    💬 <b>Jawaban pelapor {$code}:</b>
    {$text}
report-forward-choose = Ke mana {$code} akan Anda teruskan?
report-btn-forward-up = ⏫ Naik satu tingkat
report-forwarded = Laporan {$code} sudah diteruskan.
report-closed-ok = Laporan {$code} sudah ditutup. Terima kasih atas penanganannya.
report-repeat-info =
    ➕ <b>Keterangan tambahan dari pelapor {$code}:</b>
    {$text}
report-escalated =
    ⏫ <b>{$code}</b> belum ditangani dalam batas waktu, jadi kami naikkan ke tingkat {$level}. Mohon Anda menanganinya.
    {$category} · {$place}
report-escalated-final = ⏫ <b>{$code}</b> belum ditangani siapa pun. Mohon koordinator menanganinya. {$category} · {$place}
report-level-regency = kabupaten/kota
report-level-province = provinsi
report-level-national = nasional
report-level-coordinators = koordinator
report-reminder = ⏰ Pengingat: <b>{$code}</b> belum ada kabar baru selama {$days} hari. Apakah ada perkembangan? Mohon kabari pelapor lewat <b>❓ Minta Info</b>, atau tutup laporan dengan <b>✔️ Selesai</b>.
report-timeline-title = <b>Riwayat {$code}</b>
report-timeline-line = {$at} · {$who} · {$what}
report-who-reporter = pelapor
report-who-system = sistem
report-partner-joined = Anda sekarang anggota mitra <b>{$partner}</b>. Laporan untuk wilayah Anda akan masuk ke grup mitra; tekan <b>🙋 Tangani</b> untuk menanganinya.

## To the reporter
report-notify-claimed = Kabar baik: laporan <b>{$code}</b> sudah diambil mitra setempat dan sedang ditangani 🙏
report-notify-question =
    ❓ Mitra yang menangani <b>{$code}</b> bertanya:
    <i>{$text}</i>
    Tekan <b>💬 Balas</b> untuk menjawab. Identitasmu tetap terlindungi.
report-btn-reply = 💬 Balas
report-prompt-answer = Tulis jawabanmu untuk mitra ({$code}):
report-answer-sent = Jawabanmu sudah diteruskan ke mitra. Terima kasih 🙏
report-notify-resolved =
    ✔️ Laporan <b>{$code}</b> sudah selesai ditangani.
    Catatan mitra: <i>{$note}</i>
    Terima kasih sudah berani melapor 🙏
report-notify-rejected =
    Laporan <b>{$code}</b> tidak bisa ditindaklanjuti oleh mitra.
    Alasannya: <i>{$note}</i>
    Kalau ada informasi baru, kamu bisa melapor lagi kapan saja.

## Coordinators' dashboard
report-dash-title = <b>Dasbor laporan · {$days} hari terakhir</b>
report-dash-total = Total: <b>{$total}</b> · terlambat: <b>{$overdue}</b>
report-dash-by-status = <b>Status</b>: {$items}
report-dash-by-category = <b>Kategori</b>: {$items}
report-dash-by-province = <b>Provinsi</b>: {$items}
report-dash-open = <b>Laporan terbuka</b> (halaman {$page}/{$pages}):
report-dash-open-none = Tidak ada laporan terbuka.
report-dash-empty = belum ada
report-btn-days = {$days} hari
report-btn-prev = ◀️
report-btn-next = ▶️
report-btn-reveal = 👤 Lihat identitas pelapor
report-btn-reassign = ↪️ Alihkan
report-detail-status = Status: {$status} · tingkat {$level}
report-identity = 👤 Pelapor {$code}: {$name} (@{$username}, id {$id}). Tindakan ini tercatat di riwayat.
report-identity-gone = Pelapor {$code} sudah menghapus datanya; identitasnya tidak tersimpan lagi.
report-evidence-withheld = Bukti nomor {$numbers} untuk {$code} belum bisa dikirim dengan aman. Koordinator akan meneruskannya bila memungkinkan.
# These two are headers: the text follows on the next line, added by the code.
report-evidence-caption = Keterangan lengkap bukti nomor {$number} untuk <b>{$code}</b>:
report-card-story-more = 📝 lanjutan ceritanya di bawah kartu ini
report-story-part = 📝 <b>{$code}</b> · lanjutan cerita ({$part}/{$parts})
report-evidence-held = ⚠️ Bukti nomor {$numbers} untuk {$code} kami tahan untuk Anda, belum dikirim ke mitra: berkasnya bisa memuat data yang mengungkap pelapor (misalnya lokasi atau nama perangkat) dan belum bisa kami bersihkan. Mohon diperiksa dulu sebelum diteruskan.
report-dash-private-only = Dasbor laporan hanya bisa dibuka di chat pribadi dengan bot atau di grup koordinator, supaya data pelapor tidak terbaca orang lain.
report-identity-sent-private = Identitas pelapor sudah dikirim ke chat pribadi Anda.
report-identity-open-private = Identitas pelapor hanya dikirim lewat chat pribadi. Silakan buka chat dengan bot, tekan Mulai, lalu coba lagi.

## Timeline events
report-ev-created = laporan dibuat
report-ev-routed = diteruskan ke mitra
report-ev-escalated = dinaikkan tingkatnya
report-ev-claimed = mulai ditangani
report-ev-question = bertanya ke pelapor
report-ev-answer = pelapor menjawab
report-ev-forwarded = diteruskan
report-ev-resolved = selesai
report-ev-rejected = ditolak
report-ev-timeline_viewed = melihat riwayat
report-ev-viewed = melihat laporan
report-ev-identity_revealed = melihat identitas pelapor
report-ev-reporter_detached = pelapor menghapus datanya
report-ev-reminded = pengingat dikirim
report-ev-linked = digabung dengan laporan sebelumnya
report-ev-repeat_linked = keterangan tambahan dari pelapor
report-ev-retention_applied = data pelapor dihapus sesuai masa simpan
report-ev-delivery_failed = gagal dikirim ke chat mitra
report-ev-reopen_requested = pelapor minta laporan dibuka lagi
report-undelivered = ⚠️ Kartu laporan <b>{$code}</b> tidak sampai ke {$partners}: bot sudah dikeluarkan dari grupnya, atau grupnya tidak ditemukan. Mohon cek grup mitra itu.
report-undelivered-moved = Laporan ini langsung diteruskan ke tingkat berikutnya: {$level}.
report-undelivered-others = Mitra lain sudah menerima laporan ini.
report-undelivered-stuck = Tidak ada tujuan lain, mohon koordinator yang menanganinya.

report-sent-unrouted =
    Terima kasih, laporanmu sudah kami simpan dengan aman 🙏
    Nomor laporan: <b>{$code}</b>

    Saat ini belum ada mitra yang menangani wilayah atau jenis kejadian ini, jadi laporanmu menunggu tim pengelola, yang sudah kami beri tahu. Kami kabari kamu di sini begitu ada yang menangani. Kalau ada yang terancam, hubungi 112 atau polisi 110.
report-unrouted-admin =
    ⚠️ Laporan <b>{$code}</b> ({$category}, {$place}) belum punya tujuan: tidak ada mitra untuk wilayah/kategori ini dan <code>coordinators_chat_id</code> belum diatur.
    Mohon tangani lewat /laporan, atau daftarkan mitra untuk wilayah ini.

## The reporter's verdict on a resolved case
report-verdict-ask = Laporan <b>{$code}</b> sudah ditandai selesai oleh mitra. Apakah masalahnya sudah tertangani?
report-verdict-ask-again = Kami ingin tahu kabar laporan <b>{$code}</b>: apakah masalahnya sudah tertangani?
report-btn-verdict-yes = ✅ Sudah
report-btn-verdict-partly = 🌗 Sebagian
report-btn-verdict-no = ❌ Belum
report-verdict-chosen = Jawabanmu: {$answer}
report-verdict-thanks-yes = Terima kasih! Senang mendengar masalahnya sudah tertangani 🙏
report-verdict-thanks-partly = Terima kasih sudah memberi tahu. Kami akan menanyakan kabarnya lagi nanti.
report-verdict-thanks-no = Terima kasih sudah memberi tahu. Laporan <b>{$code}</b> kami buka kembali dan kami teruskan ke tingkat berikutnya.
report-verdict-reopened = ⚠️ Pelapor <b>{$code}</b> menyatakan masalahnya belum tertangani. Laporan dibuka kembali dan juga diteruskan ke {$level}.
report-verdict-not-now = Laporan ini sedang tidak menunggu jawabanmu. Terima kasih!
report-dash-verdicts = <b>Penilaian pelapor</b>: {$items}
report-dash-verdict-line = {$partner} (sudah {$yes}, sebagian {$partly}, belum {$no})
report-ev-verdict_asked = pelapor ditanya lagi apakah masalahnya tertangani
report-ev-verdict = pelapor menilai penanganan
report-ev-reopened = dibuka kembali atas penilaian pelapor

## Confidentiality (rahasia)
report-identity-rahasia = 🔒 Rahasia
report-identity-rahasia-summary = rahasia (hanya mitra yang menangani dan admin)
report-rahasia-chosen = 🔒 Baik, laporanmu dirahasiakan. Ceritamu dan buktinya hanya dibaca mitra yang menanganinya dan admin.
report-card-rahasia =
    Kategori: {$category}
    Tempat: {$place}
    Waktu: {$when}
    Dikirim: {$sent}
report-card-rahasia-note = 🔒 Isi laporan rahasia: hanya terlihat oleh mitra yang menangani setelah diklaim.
report-error-rahasia-claim-first = Laporan ini rahasia. Tangani dulu laporannya, baru bisa bertanya ke pelapor.
report-rahasia-withheld = 🔒 Rahasia: isinya hanya untuk mitra yang menangani dan admin.

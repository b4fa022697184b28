## Siaran (broadcasts) — Bahasa Indonesia

broadcast-optout-hint = <i>Tidak ingin menerima siaran lagi? Kirim /berhenti.</i>

broadcast-ask-message = 📣 <b>Siaran baru</b>
    Kirim pesan yang ingin disiarkan: teks, atau foto/video/dokumen dengan keterangan.
broadcast-bad-message = Pesan ini belum bisa disiarkan: {$error}
    Coba kirim lagi, ya.
broadcast-ask-buttons = Mau tambahkan tombol di bawah pesan? Tombol sekarang: {$buttons}
broadcast-no-buttons = belum ada
broadcast-button-url = 🔗 Tombol tautan
broadcast-button-share = 📤 Tombol Bagikan
broadcast-button-clear = 🗑 Hapus tombol
broadcast-share-label = 📤 Bagikan
broadcast-ask-url = Kirim tombolnya dengan format <code>Teks tombol | https://alamat</code>
    Contoh: <code>Ikut survei | https://t.me/RukunBot?start=survei</code>
broadcast-bad-url = Formatnya belum pas: {$error}
    Contoh: <code>Baca selengkapnya | https://setara-institute.org</code>
broadcast-ask-segment = <b>Siapa penerimanya?</b>
    Peran: {$roles}
    Bahasa: {$languages}
    Wilayah: {$regions}{$more}
    Penerima saat ini: <b>{$count}</b> orang (yang berhenti berlangganan atau memblokir bot tidak dihitung).
broadcast-everyone = semua
broadcast-role-everyone = Semua
broadcast-role-alumni = Alumni
broadcast-role-citizen = Warga
broadcast-role-partner = Mitra
broadcast-regions = 📍 Atur wilayah
broadcast-ask-regions = Kirim kode wilayah Kemendagri, pisahkan dengan koma. Contoh: <code>36.72, 32</code> (Kota Cilegon dan seluruh Jawa Barat). Kirim <code>-</code> untuk semua wilayah.
broadcast-bad-regions = Kode wilayah tidak dikenal: {$codes}. Contoh yang benar: <code>36.72</code> atau <code>32</code>.
broadcast-preview-title = 👀 <b>Pratinjau</b> — beginilah pesan yang akan diterima:
broadcast-ask-when = Kapan siaran ini dikirim?
broadcast-now = 🚀 Sekarang
broadcast-later = 🗓 Atur waktu
broadcast-ask-datetime = Tulis tanggal dan jam kirim (WIB), misalnya <code>16-11-2025 09:00</code>.
broadcast-bad-datetime = Tanggal/jam itu belum bisa saya baca, atau sudah lewat. Contoh: <code>16-11-2025 09:00</code>.
broadcast-confirm = Kirim siaran ke <b>{$count}</b> penerima {$when}?
broadcast-when-now = sekarang juga
broadcast-when-at = pada {$at}
broadcast-confirm-yes = ✅ Kirim
broadcast-back = ⬅️ Kembali
broadcast-next = Lanjut ➡️
broadcast-cancel = ✖️ Batal
broadcast-cancelled = Oke, siaran dibatalkan. Tidak ada yang terkirim.
broadcast-scheduled = 🗓 Siaran #{$id} dijadwalkan {$at}. Progresnya nanti muncul di sini.
broadcast-started = 🚀 Siaran #{$id} mulai dikirim. Progresnya muncul di sini.
broadcast-stop = ⏹ Hentikan siaran
broadcast-stopped = ⏹ Siaran #{$id} dihentikan. Yang belum terkirim tidak akan dikirim.
broadcast-not-stoppable = Siaran #{$id} sudah selesai atau sudah dihentikan.
broadcast-expired = Sesi siaran ini sudah berakhir. Mulai lagi dengan /siaran.
broadcast-progress = 📣 <b>Siaran {$name}</b>
    ✅ Terkirim: {$sent} dari {$total}
    ⚠️ Gagal: {$failed} · 🚫 Diblokir: {$blocked} · ⏭ Dilewati: {$skipped}
    ⏳ Sisa: {$remaining} · perkiraan selesai {$eta}
broadcast-summary = 🏁 <b>Siaran {$name} {$state}</b>
    Terkirim {$sent} dari {$total} · gagal {$failed} · diblokir {$blocked} · dilewati {$skipped}
broadcast-state-completed = selesai
broadcast-state-cancelled = dihentikan
broadcast-state-failed = gagal
broadcast-eta-seconds = ±{$n} detik lagi
broadcast-eta-minutes = ±{$n} menit lagi
broadcast-eta-hours = ±{$n} jam lagi

broadcast-pick-item = 📚 Pilih dari konten kampanye
broadcast-pick-item-title = Pilih konten yang ingin disiarkan (terbaru di atas). Teks, media, dan tombol bagikannya ikut terkirim.
broadcast-no-items = Belum ada konten kampanye yang terbit. Kirim pesanmu sendiri saja, ya.
broadcast-item-gone = Konten itu sudah tidak tersedia. Pilih yang lain, atau kirim pesanmu sendiri.
broadcast-button-survey = 📋 Tombol isi survei
broadcast-pick-survey = Survei mana yang diajak diisi?
broadcast-no-surveys = Sedang tidak ada survei yang dibuka.
broadcast-survey-gone = Survei itu sudah tidak dibuka. Pilih survei lain.
broadcast-survey-label = 📋 Isi survei
broadcast-menu-cohorts = 👥 Angkatan
broadcast-menu-topics = 🏷 Topik
broadcast-menu-surveys = 📋 Survei
broadcast-no-cohorts = Belum ada angkatan.
broadcast-no-topics = Belum ada topik.
broadcast-no-surveys-segment = Belum ada survei.
broadcast-survey-done = Sudah isi
broadcast-survey-not-done = Belum isi
broadcast-segment-cohorts = Angkatan: {$values}
broadcast-segment-topics = Topik: {$values}
broadcast-segment-surveys-completed = Sudah mengisi survei: {$values}
broadcast-segment-surveys-not-completed = Belum mengisi survei: {$values}

## Rincian masalah pesan (di balasan /siaran)
broadcast-error-empty = pesannya masih kosong. Tulis teks, atau lampirkan foto/video/dokumen.
broadcast-error-html = format teksnya tidak bisa dibaca Telegram ({$detail}).
broadcast-error-too-long = teksnya {$length} karakter, padahal paling banyak {$limit} (batas Telegram dikurangi ruang untuk baris /berhenti).
broadcast-error-too-long-caption = keterangan medianya {$length} karakter, padahal paling banyak {$limit} (batas Telegram dikurangi ruang untuk baris /berhenti).
broadcast-error-no-bar = pisahkan teks tombol dan alamatnya dengan tanda |
broadcast-error-rows = tombolnya sudah terlalu banyak (paling banyak 10 baris).
broadcast-error-row = baris tombol ke-{$row} harus berisi 1 sampai 8 tombol.
broadcast-error-button-text = teks tombol (baris {$row}, tombol {$button}) harus 1 sampai 64 karakter.
broadcast-error-button-url = alamat tombol (baris {$row}, tombol {$button}) harus diawali https:// — yang dikirim: {$url}
broadcast-error-other = siaran ini tidak bisa disimpan apa adanya. Coba ulangi dari /siaran, atau hubungi admin.

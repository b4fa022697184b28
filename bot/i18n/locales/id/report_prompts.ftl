# Konfirmasi hasil/alasan dari anggota mitra sebelum sampai ke pelapor (register formal).
report-btn-outcome-send = ✅ Kirim
report-btn-outcome-edit = ✏️ Ubah
report-outcome-preview =
    Hasil penanganan <b>{$code}</b> yang akan dikirim ke pelapor:

    {$text}

    Kirim sekarang, atau ubah dulu?
report-reason-preview =
    Alasan penolakan <b>{$code}</b> yang akan dikirim ke pelapor:

    {$text}

    Kirim sekarang, atau ubah dulu?
report-outcome-not-yours = Tombol ini untuk anggota yang sedang menulis hasil laporan ini.

# Jawaban pelapor atas pertanyaan mitra (ke warga: "kamu").
report-btn-reopen = 🔁 Minta dibuka kembali
report-answer-closed =
    Laporan <b>{$code}</b> sudah ditutup, jadi pesanmu belum kami teruskan.
    Kalau ada informasi baru, kamu bisa minta laporan ini dibuka kembali, atau kirim laporan baru lewat <b>Lapor Insiden</b>.
report-answer-typed-note = Pesanmu kami teruskan sebagai jawaban untuk pertanyaan mitra soal <b>{$code}</b>. Kalau ini kejadian baru, tekan <b>Lapor Insiden</b>.
report-answer-which = Ada beberapa pertanyaan mitra yang menunggu jawabanmu. Pesan ini («{$text}») untuk laporan yang mana?
report-reopen-asked = Permintaanmu sudah kami sampaikan ke mitra dan koordinator. Kami kabari kamu di sini 🙏
report-reopen-still-open = Laporan ini masih ditangani, jadi tidak perlu dibuka kembali.
report-reopen-requested = 🔁 Pelapor <b>{$code}</b> meminta laporan ini dibuka kembali karena ada informasi baru. Mohon Bapak/Ibu tinjau.
report-ev-reopen_requested = pelapor meminta dibuka kembali

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

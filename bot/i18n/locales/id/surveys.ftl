## Survei (Bahasa Indonesia)

survey-none = Saat ini belum ada survei yang bisa kamu isi. Nanti kami kabari kalau ada, ya 🙏
survey-list-title = Pilih survei yang mau kamu isi:
survey-start-button = 📝 {$title}
survey-resume-button = ▶️ Lanjutkan: {$title}
survey-take-button = 📝 Isi survei
survey-question =
    <b>{$title}</b> · {$n}/{$total}

    {$text}
survey-hint-likert5 = <i>Seberapa setuju kamu?</i>
survey-hint-single = <i>Pilih satu jawaban.</i>
survey-hint-multi = <i>Boleh pilih lebih dari satu, lalu tekan Lanjut.</i>
survey-hint-scale0_10 = <i>0 = sama sekali tidak, 10 = sangat mungkin.</i>
survey-hint-yesno = <i>Pilih Ya atau Tidak.</i>
survey-hint-text = <i>Ketik jawabanmu di bawah, ya.</i>
survey-next = Lanjut ➡️
survey-skip = Lewati
survey-back = ⬅️ Kembali
survey-skipped = (dilewati)
survey-noted = ✓ tercatat
survey-answered =
    {$text}
    ➡️ <b>{$answer}</b>
survey-resumed = Kita lanjutkan dari pertanyaan terakhir, ya.
survey-thanks = Terima kasih sudah mengisi survei! Jawabanmu sudah kami simpan 🙏
survey-closed = Survei ini sedang tidak dibuka.
survey-not-in-audience = Maaf, survei ini untuk kelompok peserta lain.
survey-already-done = Kamu sudah mengisi survei ini. Terima kasih! 🙏
survey-stale = Pertanyaan ini sudah lewat. Tekan /survei untuk melanjutkan.
survey-choose-one = Pilih minimal satu jawaban dulu, ya.
survey-text-expected = Untuk pertanyaan ini, ketik jawabanmu sebagai pesan teks, ya.
survey-text-too-long = Jawabanmu terlalu panjang (maksimal 2.000 karakter). Coba diringkas, ya.
survey-reminder = Kamu belum selesai mengisi <b>{$title}</b>. Mau lanjutkan sekarang? Tinggal beberapa pertanyaan lagi 🙏
survey-invite =
    <b>{$title}</b>
    {$intro}
survey-results-usage = Ketik <code>/hasil SLUG</code> untuk melihat hasil survei. Survei yang ada:
survey-results-line = • <code>{$slug}</code> — {$title} ({$status}, {$completed} selesai)
survey-results-unknown = Survei <code>{$slug}</code> tidak ditemukan. Ketik /hasil untuk melihat daftarnya.
survey-chart-likert = Sebaran jawaban skala Likert (% responden)
survey-chart-means = Rata-rata sebelum dan sesudah kampanye ({$vs}), dengan interval kepercayaan 95%
survey-results-file = Hasil lengkap (XLSX). Kelompok dengan kurang dari 5 responden tidak ditampilkan.
survey-use-buttons = Jawabanmu belum cocok dengan pilihan yang ada. Pilih salah satu tombol di bawah, ya (atau ketik /batal untuk lanjut nanti).

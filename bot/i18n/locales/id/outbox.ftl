# Pesan yang gagal terkirim setelah semua percobaan (untuk koordinator / ops).
outbox-failed =
    ⚠️ Pesan <b>{$what}</b> tidak bisa terkirim ({$attempts} kali dicoba): { $reason ->
        [gone] bot sudah dikeluarkan atau diblokir, atau obrolannya tidak ditemukan.
        [rejected] Telegram menolak pesan ini.
       *[exhausted] Telegram tidak menjawab atau sedang bermasalah.
    }
    Cek dengan <code>rukun outbox list --failed</code>, lalu kirim ulang dengan <code>rukun outbox retry</code>.

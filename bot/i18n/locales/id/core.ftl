## Onboarding, menu, help, language, errors (Bahasa Indonesia)

start-greeting =
    Halo, {$name}! 👋 Saya <b>Rukun</b>, teman untuk menjaga kerukunan di sekitar kita.
    Di sini kamu bisa melaporkan insiden intoleransi, mendapat konten kampanye, dan mengisi survei singkat.
    Datamu kami simpan seperlunya saja; laporan bisa dikirim anonim, dan /hapusdata menghapus data pribadimu.
start-again = Selamat datang kembali, {$name}! Pilih menu di bawah, ya.
start-invalid-link = Tautan itu tidak berlaku lagi atau salah ketik. Tidak apa-apa, kamu tetap bisa memakai semua menu di bawah.

menu-report = Lapor Insiden
menu-content = Konten Kampanye
menu-survey = Survei
menu-status = Status Laporan
menu-help = Bantuan
menu-placeholder = Pilih menu atau ketik pesan…


help-title = <b>Yang bisa kamu lakukan di Rukun</b>
help-citizen =
    /start — mulai dan tampilkan menu
    /lapor — laporkan insiden intoleransi
    /status — cek status laporanmu
    /konten — konten kampanye toleransi
    /survei — ikut survei
    /bahasa — ganti bahasa (Indonesia/English)
    /profil — lihat dan ubah profilmu (tempat tinggal, bahasa)
    /berhenti — berhenti menerima siaran, /mulai untuk kembali
    /hapusdata — hapus data pribadimu
    /batal — batalkan langkah yang sedang berjalan
help-alumni =
    <b>Alumni</b>
    /dampak — lihat dampak berbagi kontenmu
    /peringkat — papan peringkat angkatanmu
help-partner =
    <b>Mitra</b>
    Laporan untuk wilayah Anda masuk ke grup mitra. Tekan <i>🙋 Tangani</i> untuk menanganinya.
help-coordinator =
    <b>Koordinator</b>
    /laporan — dasbor laporan
    /siaran — kirim siaran
    /konten_baru — tambah konten kampanye
    /hasil — hasil survei
help-admin =
    <b>Admin</b>
    Peran diatur lewat CLI: <code>rukun users grant ID PERAN</code>
help-free-text = Kamu juga bisa langsung menulis, misalnya: <i>"ada pengajian dibubarkan di Sampang"</i>.

language-choose = Pilih bahasa:
language-set = Oke, sekarang saya pakai Bahasa Indonesia.
language-name-id = Bahasa Indonesia
language-name-en = English

flood-slow-down = Pelan-pelan, ya 🙏 Pesanmu terlalu cepat. Coba lagi sebentar lagi.
error-apology = Maaf, ada yang tidak beres di pihak kami. Coba lagi sebentar lagi, ya 🙏
error-generic = Maaf, itu belum bisa dilakukan sekarang.
error-ops-report = ⚠️ Galat saat memproses {$kind} (update {$update_id}): {$error}
error-ops-held-back = ({$count} lagi yang sama ditahan sejak peringatan terakhir)
error-ops-undecodable-update = ⚠️ Update {$update_id} tidak bisa dibaca, jadi disisihkan: {$error}
error-ops-fetch-failing = ⚠️ Sudah {$minutes} menit bot tidak bisa mengambil update ({$error}). Belum ada yang dijawab sampai ini pulih.
error-ops-fetch-recovered = ✅ Pengambilan update sudah normal lagi, setelah {$minutes} menit.
stale-button = Tombol ini sudah tidak berlaku. Ini menu utamanya, ya.
not-understood = Maaf, saya belum paham maksudmu 🙏 Pilih menu di bawah, atau ketik /bantuan.
cancelled = Oke, dibatalkan.
nothing-to-cancel = Tidak ada yang perlu dibatalkan.
not-allowed = Maaf, perintah ini hanya untuk peran tertentu.

cmd-start = Mulai dan tampilkan menu
cmd-help = Bantuan
cmd-language = Ganti bahasa
cmd-cancel = Batalkan langkah yang berjalan
cmd-report = Laporkan insiden
cmd-status = Status laporanmu
cmd-content = Konten kampanye
cmd-survey = Ikut survei
cmd-stop = Berhenti menerima siaran
cmd-erase = Hapus data pribadi
cmd-dashboard = Dasbor laporan
cmd-broadcast = Kirim siaran
cmd-results = Hasil survei

erase-ask =
    Kamu yakin mau menghapus data pribadimu? Nama, bahasa, wilayah, dan peranmu akan dihapus.
    Laporan yang sudah kamu kirim tetap ada agar mitra bisa menanganinya, tapi tidak lagi terhubung denganmu.
erase-yes = Ya, hapus
erase-no = Tidak jadi
erase-done = Data pribadimu sudah dihapus. Terima kasih sudah memakai Rukun 🙏 Ketik /start kapan saja untuk mulai lagi.
erase-kept = Oke, datamu tetap tersimpan.
optout-done = Kamu tidak akan menerima siaran lagi. Laporan dan survei tetap bisa dipakai. Ketik /mulai untuk menerima siaran lagi.
optin-done = Asyik, kamu akan menerima siaran lagi. Ketik /berhenti kapan saja untuk berhenti.

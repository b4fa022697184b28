# Context first: the bot asks before acting on a guess that costs something.
ask-stop = Maksudmu berhenti menerima siaran dari Rukun?
ask-stop-yes = Ya, berhenti
ask-report = Mau melaporkan kejadian ini ke Rukun?
ask-report-yes = Ya, lapor
ask-no = Tidak
ask-declined = Oke, tidak ada yang berubah. Pilih menu di bawah kalau butuh sesuatu, ya.
start-in-group = Halo! Untuk melapor, ikut survei, atau minta konten, chat aku langsung di obrolan pribadi, ya.

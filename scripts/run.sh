#!/usr/bin/env bash
# `make run`: make sure there is something to index, build the index when needed, start the bot.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
setting() { "$PY" -c "from bot.config import BotSettings as S; print(getattr(S(), '$1'))"; }

corpus=$(setting corpus_path)
if ! "$PY" -m indexer files --corpus "$corpus" -q >/dev/null 2>&1; then
    echo "» Korpus $corpus belum berisi naskah; mencoba mengunduh dari sumber resmi …"
    mkdir -p data
    if "$PY" -m indexer fetch --corpus "$corpus" -q > data/fetch.log 2>&1; then
        echo "» Semua berkas resmi terunduh."
    else
        echo "» $(head -n 1 data/fetch.log) Rincian dan alamat sumber: data/fetch.log"
    fi
fi
if ! "$PY" -m indexer files --corpus "$corpus" -q >/dev/null 2>&1; then
    if [ -f ../shared/corpus/catalog.json ]; then
        echo "» Tidak ada naskah yang bisa diunduh; memakai korpus uji ../shared/corpus."
        export CORPUS_DIR
        CORPUS_DIR=$(cd ../shared/corpus && pwd)
    else
        echo "Korpus kosong: salin berkas peraturan ke $corpus/files/ (lihat corpus/README.md) lalu ulangi." >&2
        exit 1
    fi
fi

echo "» Memperbarui indeks (hanya dokumen baru/berubah yang di-embed) …"
"$PY" -m indexer build

if [ -z "$(setting telegram_bot_token)" ]; then
    cat <<'MSG'

TELEGRAM_BOT_TOKEN belum diisi.
  1. Buka Telegram, cari @BotFather, kirim /newbot dan ikuti petunjuknya.
  2. Salin token yang diberikan ke .env:   TELEGRAM_BOT_TOKEN=123456:ABC…
     (dan ADMIN_IDS=<id Telegram Anda> untuk perintah admin; cek id Anda lewat @userinfobot)
  3. Jalankan lagi: make run

Sementara itu, Anda bisa mencoba jawabannya di terminal:  .venv/bin/python -m bot chat
MSG
    if [ -t 0 ]; then
        read -r -p "Mulai chat terminal sekarang? [Y/n] " reply
        case "${reply:-y}" in [yY]*) exec "$PY" -m bot chat ;; esac
    fi
    exit 0
fi
exec "$PY" -m bot run

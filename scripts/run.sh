#!/usr/bin/env bash
# Bring the portal up with demo data: migrate, seed, then web + Celery worker + Celery beat.
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/env; set +a
# The demo runs as production does (DEBUG off, gunicorn, static files by whitenoise), over plain HTTP
# on this machine only unless HOST= says otherwise.
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}
[ -s .data/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .data/secret_key
export DEBUG=${DEBUG:-false} PORTAL_HTTP_ONLY=${PORTAL_HTTP_ONLY:-true} SECRET_KEY=${SECRET_KEY:-$(cat .data/secret_key)}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost,$HOST,$(hostname),$(hostname -I 2>/dev/null | tr ' ' ',')}
export PORTAL_BASE_URL=${PORTAL_BASE_URL:-http://127.0.0.1:$PORT}
PY=.venv/bin/python
$PY manage.py collectstatic --noinput -v0
$PY manage.py migrate --noinput
$PY manage.py setup_schedules
$PY manage.py seed_demo
pids=()
cleanup() { trap - INT TERM EXIT; echo; echo "Stopping…"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup INT TERM EXIT
# --no-imports: without it Django 5.2 shell prints what it imported, and that would become the queue name.
REPORTS_QUEUE=$($PY manage.py shell --no-imports -c "from django.conf import settings; print(settings.CELERY_REPORTS_QUEUE)")
.venv/bin/celery -A dosonthidua worker --loglevel=INFO --concurrency=2 > .data/worker.log 2>&1 & pids+=($!)
# Report builds and large exports: a worker of their own (settings.CELERY_TASK_ROUTES).
.venv/bin/celery -A dosonthidua worker -Q "$REPORTS_QUEUE" -n "reports@%h" --loglevel=INFO --concurrency=2 > .data/worker-reports.log 2>&1 & pids+=($!)
.venv/bin/celery -A dosonthidua beat --loglevel=INFO > .data/beat.log 2>&1 & pids+=($!)
.venv/bin/gunicorn dosonthidua.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 --access-logfile - > .data/web.log 2>&1 & pids+=($!)
for _ in $(seq 1 40); do curl -fs "http://${HOST/0.0.0.0/127.0.0.1}:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<TXT

  Cổng thi đua, khen thưởng đang chạy:  http://$HOST:$PORT/  (DEBUG tắt, gunicorn; HOST=0.0.0.0 để mở cho máy khác)
  Tài khoản demo (mật khẩu: ${DEMO_PASSWORD:-demo12345}):
    admin                      quản trị hệ thống (cũng vào /quan-tri/)
  Phường Đồ Sơn (cơ quan cổng phục vụ hôm nay):
    pds_thamdinh               Văn phòng HĐND và UBND phường – thẩm định
    pds_chutich                Chủ tịch UBND phường
    pds_hoidong1…pds_hoidong5  thành viên Hội đồng TĐKT phường
    pds_canbo1, pds_canbo2     cán bộ thi đua của các phòng thuộc phường
  Quận Đồ Sơn (đến 30/06/2025, xem lịch sử):
    noivu                      Phòng Nội vụ – thẩm định
    lanhdao                    Chủ tịch UBND quận
    hoidong1…hoidong5          thành viên Hội đồng TĐKT quận
    canbo1, canbo2             cán bộ thi đua UBND phường Bàng La, Phòng Giáo dục và Đào tạo
  Xác thực hai bước (bắt buộc với quản trị, thẩm định, lãnh đạo và thành viên Hội đồng): sau mật khẩu, nhập một mã dự phòng
  dưới đây (mỗi mã dùng một lần), hoặc thêm khóa TOTP vào ứng dụng xác thực trên điện thoại:
$($PY manage.py twofactor_codes 2>/dev/null)
  Ký số (chứng thư thử nghiệm, không có giá trị pháp lý): lanhdao, pds_chutich — mật khẩu chứng thư là mật khẩu demo.
  Nhật ký: .data/web.log, .data/worker.log, .data/beat.log — Ctrl-C để dừng.

TXT
wait -n "${pids[@]}"

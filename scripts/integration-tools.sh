#!/usr/bin/env bash
# Install and start the real Label Studio and doccano on 127.0.0.1 for the integration tests
# (tests/integration/). Usage:
#   scripts/integration-tools.sh [start]   install (once) into $ANNOTATOR_TOOLS_DIR, start both,
#                                           print their URLs and tokens, write the state file
#   scripts/integration-tools.sh stop      stop both (only the processes this script started)
#   scripts/integration-tools.sh status    print the state file
# State: $ANNOTATOR_TOOLS_DIR/state.env (default ~/.cache/annotator-tools), which the tests read;
# or set ANNOTATOR_LABEL_STUDIO_URL/_TOKEN and ANNOTATOR_DOCCANO_URL/_USER/_PASSWORD yourself.
# Both listen on 127.0.0.1 only. Versions: label-studio 1.23.x, doccano 1.8.x (pip).
set -euo pipefail

DIR="${ANNOTATOR_TOOLS_DIR:-$HOME/.cache/annotator-tools}"
LS_PORT="${ANNOTATOR_LABEL_STUDIO_PORT:-18080}"
DOCCANO_PORT="${ANNOTATOR_DOCCANO_PORT:-18000}"
PY="${PYTHON:-python3}"
STATE="$DIR/state.env"
LS_USER="annotator-admin@annotator.invalid"
LS_PASSWORD="annotator-integration"
LS_TOKEN="annotator0integration0token0000000000000"
DOCCANO_USER="admin"
DOCCANO_PASSWORD="annotator-integration"

install() {
    mkdir -p "$DIR"
    if [ ! -x "$DIR/ls-venv/bin/label-studio" ]; then
        echo "installing label-studio 1.23 into $DIR/ls-venv ..."
        "$PY" -m venv "$DIR/ls-venv"
        "$DIR/ls-venv/bin/pip" install -q 'label-studio>=1.23,<1.24'
    fi
    if [ ! -x "$DIR/doccano-venv/bin/doccano" ]; then
        echo "installing doccano 1.8 into $DIR/doccano-venv ..."
        "$PY" -m venv "$DIR/doccano-venv"
        # doccano 1.8 pins environs 9 and pandas 1.5, which break with marshmallow 4 / numpy 2
        "$DIR/doccano-venv/bin/pip" install -q 'doccano>=1.8,<1.9' 'marshmallow<4' 'numpy<2'
    fi
}

wait_for() {  # url seconds
    local url="$1" limit="$2" waited=0
    until curl -s -o /dev/null "$url"; do
        sleep 2
        waited=$((waited + 2))
        if [ "$waited" -ge "$limit" ]; then
            echo "error: $url did not answer within ${limit}s (see $DIR/*.log)" >&2
            return 1
        fi
    done
}

start_label_studio() {
    export LABEL_STUDIO_BASE_DATA_DIR="$DIR/ls-data"
    export LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true
    nohup "$DIR/ls-venv/bin/label-studio" start --no-browser \
        --internal-host 127.0.0.1 --host "http://127.0.0.1:$LS_PORT" --port "$LS_PORT" \
        --username "$LS_USER" --password "$LS_PASSWORD" --user-token "$LS_TOKEN" \
        --enable-legacy-api-token \
        >"$DIR/label-studio.log" 2>&1 &
    echo $! >"$DIR/label-studio.pid"
    wait_for "http://127.0.0.1:$LS_PORT/health" 300
}

start_doccano() {
    export DOCCANO_HOME="$DIR/doccano-data"
    local site
    site="$("$DIR/doccano-venv/bin/python" -c 'import backend, os; print(os.path.dirname(backend.__file__))')"
    if [ ! -f "$DOCCANO_HOME/db.sqlite3" ]; then
        "$DIR/doccano-venv/bin/doccano" init >"$DIR/doccano-init.log" 2>&1
        "$DIR/doccano-venv/bin/doccano" createuser --username "$DOCCANO_USER" \
            --password "$DOCCANO_PASSWORD" >>"$DIR/doccano-init.log" 2>&1
    fi
    # doccano's own `webserver` binds 0.0.0.0; run the same WSGI app on 127.0.0.1 instead
    (
        cd "$site"
        STANDALONE=True DJANGO_SETTINGS_MODULE=config.settings.production \
            DATABASE_URL="sqlite:///$DOCCANO_HOME/db.sqlite3" MEDIA_ROOT="$DOCCANO_HOME/media" \
            nohup "$DIR/doccano-venv/bin/gunicorn" --bind "127.0.0.1:$DOCCANO_PORT" --workers 2 \
            --chdir "$site" config.wsgi >"$DIR/doccano.log" 2>&1 &
        echo $! >"$DIR/doccano.pid"
    )
    nohup "$DIR/doccano-venv/bin/doccano" task --concurrency 1 >"$DIR/doccano-task.log" 2>&1 &
    echo $! >"$DIR/doccano-task.pid"
    wait_for "http://127.0.0.1:$DOCCANO_PORT/v1/health/" 180
}

stop() {
    for name in label-studio doccano doccano-task; do
        if [ -f "$DIR/$name.pid" ]; then
            pid="$(cat "$DIR/$name.pid")"
            # the process this script started (a server stops its own workers)
            if kill "$pid" 2>/dev/null; then
                for _ in 1 2 3 4 5 6 7 8 9 10; do
                    kill -0 "$pid" 2>/dev/null || break
                    sleep 1
                done
                kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
                echo "stopped $name ($pid)"
            fi
            rm -f "$DIR/$name.pid"
        fi
    done
    rm -f "$STATE"
}

case "${1:-start}" in
start)
    install
    start_label_studio
    start_doccano
    cat >"$STATE" <<STATE_END
ANNOTATOR_LABEL_STUDIO_URL=http://127.0.0.1:$LS_PORT
ANNOTATOR_LABEL_STUDIO_TOKEN=$LS_TOKEN
ANNOTATOR_DOCCANO_URL=http://127.0.0.1:$DOCCANO_PORT
ANNOTATOR_DOCCANO_USER=$DOCCANO_USER
ANNOTATOR_DOCCANO_PASSWORD=$DOCCANO_PASSWORD
STATE_END
    echo "Label Studio: http://127.0.0.1:$LS_PORT  (login $LS_USER / $LS_PASSWORD, token $LS_TOKEN)"
    echo "doccano:      http://127.0.0.1:$DOCCANO_PORT  (login $DOCCANO_USER / $DOCCANO_PASSWORD)"
    echo "state file:   $STATE  (tests/integration reads it; stop with: $0 stop)"
    ;;
stop) stop ;;
status) cat "$STATE" 2>/dev/null || echo "not started (no $STATE)" ;;
*)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac

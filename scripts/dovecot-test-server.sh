#!/usr/bin/env bash
# Throwaway Dovecot IMAP server for tests, on loopback, plaintext, no TLS.
#   scripts/dovecot-test-server.sh start DIR [PORT]   prints 127.0.0.1:PORT
#   scripts/dovecot-test-server.sh stop DIR           stops it and removes what start made in DIR
# Only host:port goes to stdout so callers can write ADDR=$(... start DIR).
#
# Everything (config, sockets, state, log, mail) lives in DIR; /etc/dovecot and the
# system's own instance are never read or touched. Users (passwd-file DIR/users):
#   saraban@demo.go.th / saraban-pass, officer@demo.go.th / officer-pass
# plus a master user "fixture" / fixture-pass (DIR/master-users) so a test can still
# reach a mailbox after changing its user's password: log in as "USER*fixture".
#
# OAuth2 (SASL XOAUTH2 / OAUTHBEARER, as Microsoft 365 and Google Workspace offer): when
# OAUTH2_INTROSPECTION_URL is set, Dovecot's oauth2 passdb also accepts bearer tokens, asking
# that URL about each one as an RFC 7662 introspection POST (token=...) and expecting
# {"active": true, "username": USER}. OAUTH2_MECHANISMS picks what is offered (default
# "xoauth2 oauthbearer"; "xoauth2" alone is what Microsoft 365 offers, and the only way to make
# a client that prefers OAUTHBEARER use XOAUTH2). Passwords keep working as above.
#
# Dovecot's master must start as root when the mail belongs to another user; it runs
# the login processes as dovenull, auth as dovecot and the imap processes as nobody.
# Started by an ordinary user, Dovecot runs everything as that user instead.
set -euo pipefail

die() { echo "dovecot-test-server: $*" >&2; exit 1; }

case "$#:${1:-}" in 2:start | 3:start | 2:stop) cmd=$1 ;; *) die "usage: $0 start DIR [PORT] | stop DIR" ;; esac
dovecot=/usr/sbin/dovecot
if [ "$cmd" = start ]; then
  [ -x "$dovecot" ] || die "$dovecot not found (apt-get install dovecot-imapd)"
  case ${3:-} in *[!0-9]* | 0*) die "bad port: $3" ;; esac
  oauth2_url=${OAUTH2_INTROSPECTION_URL:-}
  read -r -a oauth2_mechs <<<"${OAUTH2_MECHANISMS:-xoauth2 oauthbearer}"
  case $oauth2_url in "" | http://* | https://*) ;; *) die "bad OAUTH2_INTROSPECTION_URL: $oauth2_url" ;; esac
  # Both end up in dovecot.conf: allow nothing that could break out of a setting.
  case $oauth2_url in *[[:space:]\"\'\$\{\}#]*) die "bad OAUTH2_INTROSPECTION_URL: $oauth2_url" ;; esac
  [ "${#oauth2_mechs[@]}" -gt 0 ] || die "OAUTH2_MECHANISMS is empty"
  for m in "${oauth2_mechs[@]}"; do
    case $m in xoauth2 | oauthbearer) ;; *) die "bad OAUTH2_MECHANISMS: ${oauth2_mechs[*]}" ;; esac
  done
fi
dir=$(mkdir -p "$2" && cd "$2" && pwd)
port=${3:-}
made=(dovecot.conf dovecot-oauth2.conf.ext users users.tmp master-users run state mail dovecot.log)

# Stops the instance whose master.pid is in DIR/run and waits until its processes are gone.
# A graceful stop costs Dovecot over two seconds of fixed sleeps, and the mail is thrown
# away anyway, so: freeze the master (it cannot start more children), then kill it and
# every child it has. A killed process counts as gone once it is a zombie: reaping it
# is up to PID 1, which in some containers only does so every second or so.
stop_server() {
  local pid pids p alive _
  pid=$(cat "$dir/run/master.pid" 2>/dev/null) || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dovecot ] || return 0
  kill -STOP "$pid" 2>/dev/null || return 0
  pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  for _ in $(seq 100); do
    alive=
    for p in $pids; do
      # Field 3 of /proc/PID/stat is the state; the name before it is in parentheses.
      case $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) in "" | Z*) ;; *) alive=1 ;; esac
    done
    [ -z "$alive" ] && return 0
    sleep 0.05
  done
  echo "dovecot-test-server: processes $pids still exist" >&2
}

remove_made() {
  local f
  for f in "${made[@]}"; do rm -rf "${dir:?}/$f"; done
}

case $cmd in
start)
  # DIR may hold a server left running by an aborted run: replace it, but
  # never wipe a directory holding anything else.
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$f" ] || continue
    case " ${made[*]} " in *" ${f##*/} "*) ;; *) die "$dir is not empty" ;; esac
  done
  stop_server
  remove_made

  no_chroot=
  if [ "$(id -u)" -eq 0 ]; then
    mail_user=nobody
    mail_group=$(id -gn nobody)
    login_user=dovenull
    internal_user=dovecot
    for u in "$login_user" "$internal_user"; do
      id -u "$u" >/dev/null 2>&1 || die "user $u missing (the dovecot-core package creates it)"
    done
  else
    mail_user=$(id -un)
    mail_group=$(id -gn)
    login_user=$mail_user
    internal_user=$mail_user
    # Only root may chroot (Dovecot's default for its login and anvil processes).
    no_chroot=$'service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}'
  fi
  # mkdtemp makes DIR 0700; the unprivileged processes must reach their files in it.
  chmod 755 "$dir"
  mkdir -m 755 "$dir/run" "$dir/state"
  mkdir -m 700 "$dir/mail"
  chown "$mail_user:$mail_group" "$dir/mail"
  touch "$dir/dovecot.log"

  # Read by the auth process (user $internal_user) on every login, so tests may
  # rewrite it to change a password.
  cat >"$dir/users" <<'EOF'
saraban@demo.go.th:{PLAIN}saraban-pass::::::
officer@demo.go.th:{PLAIN}officer-pass::::::
EOF
  echo 'fixture:{PLAIN}fixture-pass::::::' >"$dir/master-users"
  chmod 644 "$dir/users" "$dir/master-users"

  # The oauth2 passdb (read by the auth process, user $internal_user). No tokeninfo_url: every
  # token is introspected, and Dovecot's auth cache is off, so a revoked token fails at once.
  mechanisms="plain login"
  oauth2_passdb=
  password_mechanisms=
  if [ -n "$oauth2_url" ]; then
    mechanisms="plain login ${oauth2_mechs[*]}"
    cat >"$dir/dovecot-oauth2.conf.ext" <<EOF
# Generated by scripts/dovecot-test-server.sh
introspection_mode = post
introspection_url = $oauth2_url
username_attribute = username
username_format = %Lu
active_attribute = active
active_value = true
timeout_msecs = 10000
EOF
    chmod 644 "$dir/dovecot-oauth2.conf.ext"
    oauth2_passdb="passdb {
  driver = oauth2
  mechanisms = ${oauth2_mechs[*]}
  args = $dir/dovecot-oauth2.conf.ext
}"
    # A bearer token is never a password: keep it away from the passwd-file.
    password_mechanisms="  mechanisms = plain login"
  fi

  write_config() {
    cat >"$dir/dovecot.conf" <<EOF
# Generated by scripts/dovecot-test-server.sh
instance_name = dovecot-test-$port
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = $mechanisms
auth_master_user_separator = *
# No delay after a failed login (the penalty for the next logins from the same IP is
# switched off below).
auth_failure_delay = 0
default_login_user = $login_user
default_internal_user = $internal_user
default_internal_group = $(id -gn "$internal_user")
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir:LAYOUT=fs
mail_fsync = never
mail_plugins = quota

passdb {
  driver = passwd-file
  master = yes
  args = scheme=PLAIN $dir/master-users
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $dir/users
$password_mechanisms
}
$oauth2_passdb
# Static: whichever passdb authenticated the user (password or OAuth2 token), the same home.
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_group home=$dir/mail/%Lu
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \Drafts
  }
  mailbox Junk {
    special_use = \Junk
    auto = create
  }
  mailbox Sent {
    special_use = \Sent
    auto = create
  }
  mailbox Trash {
    special_use = \Trash
    auto = create
  }
}

plugin {
  quota = maildir:User quota
  quota_rule = *:storage=1G
}

protocol imap {
  mail_plugins = \$mail_plugins imap_quota
  mail_max_userip_connections = 200
}

# Without this socket the auth process skips its penalty (up to 15 s of delay for every login
# from an IP whose last login failed), which would slow every test after a failed login.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

$no_chroot
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
  }

  # Port 0 asks the kernel for a free port; another process can take it before
  # Dovecot binds, so retry with a new one (unless the caller chose the port).
  attempts=5
  [ -n "$port" ] && attempts=1
  for attempt in $(seq "$attempts"); do
    if [ "$attempts" -gt 1 ]; then
      port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    fi
    write_config
    if (cd / && "$dovecot" -c "$dir/dovecot.conf") >>"$dir/dovecot.log" 2>&1; then
      # Ready once the greeting comes, which the login process sends when it has reached auth.
      deadline=$((SECONDS + 30))
      while [ "$SECONDS" -lt "$deadline" ]; do
        if greeting=$(exec 3<>"/dev/tcp/127.0.0.1/$port" && read -r -t 2 line <&3 && echo "$line") 2>/dev/null &&
          [[ $greeting == "* OK"* ]]; then
          echo "127.0.0.1:$port"
          exit 0
        fi
        sleep 0.1
      done
      stop_server
    fi
    echo "dovecot-test-server: start on port $port failed (attempt $attempt)" >&2
  done
  tail -n 30 "$dir/dovecot.log" >&2
  die "could not start Dovecot"
  ;;
stop)
  stop_server
  remove_made
  rmdir "$dir" 2>/dev/null || true
  ;;
esac

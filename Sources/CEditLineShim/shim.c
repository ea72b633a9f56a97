/* wcwidth is an XSI extension in glibc's <wchar.h>. */
#define _GNU_SOURCE 1
#include "CEditLineShim.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

int xe_prepare_locale(void) {
    /* Without a UTF-8 LC_CTYPE libedit silently drops CJK keystrokes and
     * wcwidth answers -1 for them, so fall back to C.UTF-8 rather than fail. */
    setlocale(LC_ALL, "");
    if (codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL && codeset_is_utf8()) return 1;
    return 0;
}

int xe_wcwidth(wchar_t c) {
    return wcwidth(c);
}

int xe_stdio_is_tty(void) {
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

EditLine *xe_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

int xe_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

int xe_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

int xe_set_editmode(EditLine *el, int on) {
    return el_set(el, EL_EDITMODE, on);
}

int xe_set_prompt(EditLine *el, xe_prompt_fn fn, wchar_t marker) {
    /* el_wset reads the marker as an int through varargs. */
    return el_wset(el, EL_PROMPT_ESC, fn, (int)marker);
}

int xe_set_rprompt(EditLine *el, xe_prompt_fn fn, wchar_t marker) {
    return el_wset(el, EL_RPROMPT_ESC, fn, (int)marker);
}

int xe_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

void *xe_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

int xe_add_function(EditLine *el, const char *name, const char *help, xe_editor_fn fn) {
    /* The narrow el_set copies name and help; el_wset would keep our pointers. */
    return el_set(el, EL_ADDFN, name, help, fn);
}

int xe_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

int xe_set_history(EditLine *el, HistoryW *h) {
    return el_wset(el, EL_HIST, history_w, h);
}

int xe_columns(EditLine *el) {
    int cols = 0;
    if (el != NULL && el_get(el, EL_GETTC, "co", &cols) == 0 && cols > 0) return cols;
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

wchar_t *xe_empty_wstring(void) {
    static wchar_t empty[1] = { 0 };
    return empty;
}

void xe_write_stdout(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

int xh_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

int xh_set_unique(HistoryW *h, int on) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, on);
}

int xh_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}

int xh_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_LOAD, path);
}

int xh_save(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_SAVE, path);
}

/* libedit keeps the newest entry first: H_FIRST is the newest, H_LAST the
 * oldest, H_NEXT moves to an older entry and H_PREV to a newer one. */
const wchar_t *xh_last(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_LAST) != 0) return NULL;
    return ev.str;
}

const wchar_t *xh_newer(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_PREV) != 0) return NULL;
    return ev.str;
}

/* SIGINT. The handler only sets a flag: all the work happens after the
 * interrupted read() returns EINTR to el_wgets (hence no SA_RESTART). */
static volatile sig_atomic_t xe_sigint_seen = 0;
static int xe_sigint_installed = 0;
static struct sigaction xe_sigint_previous;

static void xe_on_sigint(int signo) {
    (void)signo;
    xe_sigint_seen = 1;
}

int xe_install_sigint(void) {
    if (xe_sigint_installed) return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = xe_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    if (sigaction(SIGINT, &sa, &xe_sigint_previous) != 0) return -1;
    xe_sigint_installed = 1;
    return 1;
}

int xe_restore_sigint(void) {
    if (!xe_sigint_installed) return 0;
    if (sigaction(SIGINT, &xe_sigint_previous, NULL) != 0) return -1;
    xe_sigint_installed = 0;
    return 1;
}

int xe_take_sigint(void) {
    int seen = xe_sigint_seen;
    xe_sigint_seen = 0;
    return seen;
}

/* Single keys for `play --step`. The saved mode is the terminal's own, put
 * back by xe_keys_end whatever the key was. */
static struct termios xe_keys_saved;
static struct termios xe_keys_raw;

int xe_keys_begin(void) {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &xe_keys_saved) != 0) return 0;
    xe_keys_raw = xe_keys_saved;
    xe_keys_raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    xe_keys_raw.c_cc[VMIN] = 1;
    xe_keys_raw.c_cc[VTIME] = 0;
    return tcsetattr(STDIN_FILENO, TCSANOW, &xe_keys_raw) == 0;
}

void xe_keys_end(void) {
    (void)tcsetattr(STDIN_FILENO, TCSANOW, &xe_keys_saved);
}

void xe_keys_drain(void) {
    struct termios mode = xe_keys_raw;
    mode.c_cc[VMIN] = 0;
    mode.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &mode) != 0) return;
    unsigned char sink[64];
    while (read(STDIN_FILENO, sink, sizeof sink) > 0) {}
}

/* The sandbox's paths, NUL-terminated and made before the handlers are
 * installed: the SQLite files first, the directory itself last. */
enum { XE_SANDBOX_PATHS = 5 };
static char *xe_sandbox_paths[XE_SANDBOX_PATHS];
static volatile sig_atomic_t xe_sandbox_armed = 0;
static const int xe_sandbox_signals[] = { SIGHUP, SIGINT, SIGTERM, SIGQUIT };

static void xe_on_fatal_signal(int signo) {
    if (xe_sandbox_armed) {
        for (int i = 0; i < XE_SANDBOX_PATHS; i++) {
            if (xe_sandbox_paths[i] == NULL) continue;
            if (i == XE_SANDBOX_PATHS - 1) (void)rmdir(xe_sandbox_paths[i]);
            else (void)unlink(xe_sandbox_paths[i]);
        }
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

static void xe_sandbox_free(void) {
    for (int i = 0; i < XE_SANDBOX_PATHS; i++) {
        free(xe_sandbox_paths[i]);
        xe_sandbox_paths[i] = NULL;
    }
}

int xe_sandbox_cleanup_arm(const char *directory) {
    static const char *const names[XE_SANDBOX_PATHS] = {
        "/ledger.db", "/ledger.db-wal", "/ledger.db-shm", "/ledger.db-journal", ""
    };
    /* A second arm replaces the first one's paths. */
    xe_sandbox_armed = 0;
    xe_sandbox_free();
    size_t length = strlen(directory);
    for (int i = 0; i < XE_SANDBOX_PATHS; i++) {
        size_t size = length + strlen(names[i]) + 1;
        char *path = malloc(size);
        if (path == NULL) {
            xe_sandbox_free();
            return 0;
        }
        snprintf(path, size, "%s%s", directory, names[i]);
        xe_sandbox_paths[i] = path;
    }
    xe_sandbox_armed = 1;
    for (size_t i = 0; i < sizeof xe_sandbox_signals / sizeof xe_sandbox_signals[0]; i++) {
        signal(xe_sandbox_signals[i], xe_on_fatal_signal);
    }
    return 1;
}

void xe_sandbox_cleanup_disarm(void) {
    for (size_t i = 0; i < sizeof xe_sandbox_signals / sizeof xe_sandbox_signals[0]; i++) {
        signal(xe_sandbox_signals[i], SIG_DFL);
    }
    xe_sandbox_armed = 0;
    xe_sandbox_free();
}

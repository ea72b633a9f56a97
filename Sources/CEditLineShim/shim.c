/* wcwidth is an XSI extension in glibc's <wchar.h>. */
#define _GNU_SOURCE 1
#include "CEditLineShim.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
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

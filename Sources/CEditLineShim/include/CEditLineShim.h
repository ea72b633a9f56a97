#pragma once
/*
 * Fixed-argument wrappers around libedit's variadic calls (el_set, el_wset,
 * el_get, history_w), which Swift cannot call, plus the few C-only pieces the
 * line editor needs: el_init on the C stdio streams (Swift 6 rejects the
 * `stdin`/`stdout` globals), the locale set-up and a SIGINT handler installed
 * without SA_RESTART so that a blocked read() returns EINTR. Also the other
 * process-wide state that a C signal handler or a termios struct needs: the
 * single-key mode of `play --step` and the removal of a sandbox on a signal.
 */
#include <histedit.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Prompt callback as libedit's wide API expects it (never NULL: libedit
 * dereferences the result). */
typedef wchar_t *_Nonnull (*xe_prompt_fn)(EditLine *_Nonnull el);
/* Editor function registered with EL_ADDFN. */
typedef unsigned char (*xe_editor_fn)(EditLine *_Nonnull el, int ch);

/* setlocale(LC_ALL, ""), falling back to C.UTF-8 for LC_CTYPE when the
 * codeset is not UTF-8. Returns 1 when LC_CTYPE ends up UTF-8. */
int xe_prepare_locale(void);

/* wcwidth(3), which glibc hides from Swift behind _XOPEN_SOURCE. */
int xe_wcwidth(wchar_t c);

/* 1 when both stdin and stdout are terminals. */
int xe_stdio_is_tty(void);

/* el_init(prog, stdin, stdout, stderr). */
EditLine *_Nullable xe_init(const char *_Nonnull prog);

int xe_set_editor(EditLine *_Nonnull el, const char *_Nonnull mode);
int xe_set_signal(EditLine *_Nonnull el, int on);
int xe_set_editmode(EditLine *_Nonnull el, int on);
int xe_set_prompt(EditLine *_Nonnull el, xe_prompt_fn _Nonnull fn, wchar_t marker);
int xe_set_rprompt(EditLine *_Nonnull el, xe_prompt_fn _Nonnull fn, wchar_t marker);
int xe_set_clientdata(EditLine *_Nonnull el, void *_Nullable data);
void *_Nullable xe_get_clientdata(EditLine *_Nonnull el);
/* EL_ADDFN through the narrow el_set, which copies name and help. */
int xe_add_function(EditLine *_Nonnull el, const char *_Nonnull name,
                    const char *_Nonnull help, xe_editor_fn _Nonnull fn);
/* el_set(el, EL_BIND, key, command, NULL). */
int xe_bind(EditLine *_Nonnull el, const char *_Nonnull key, const char *_Nonnull command);
int xe_set_history(EditLine *_Nonnull el, HistoryW *_Nonnull h);
/* Terminal width: EL_GETTC "co", else TIOCGWINSZ on stdout, else 80. */
int xe_columns(EditLine *_Nullable el);
/* A static empty wide string, for a prompt callback that has nothing to say. */
wchar_t *_Nonnull xe_empty_wstring(void);
/* fputs to the stdout FILE libedit writes to, then flush (keeps ordering). */
void xe_write_stdout(const char *_Nonnull text);

/* history_w wrappers. Those returning a string give NULL on failure; the
 * pointer belongs to the history and is valid until the next history call. */
int xh_set_size(HistoryW *_Nonnull h, int size);
int xh_set_unique(HistoryW *_Nonnull h, int on);
int xh_enter(HistoryW *_Nonnull h, const wchar_t *_Nonnull line);
int xh_load(HistoryW *_Nonnull h, const char *_Nonnull path);
int xh_save(HistoryW *_Nonnull h, const char *_Nonnull path);
/* The oldest entry (H_LAST), then each newer one (H_PREV: libedit's list runs
 * newest first, so "previous" means newer). */
const wchar_t *_Nullable xh_last(HistoryW *_Nonnull h);
const wchar_t *_Nullable xh_newer(HistoryW *_Nonnull h);

/* SIGINT: a handler that only records the signal, without SA_RESTART.
 * install returns 1 if it installed (and saved the previous disposition),
 * 0 if already installed, -1 on error. restore puts the saved one back. */
int xe_install_sigint(void);
int xe_restore_sigint(void);
/* Returns 1 (and clears the flag) if SIGINT arrived since the last call. */
int xe_take_sigint(void);

/* Single keys on standard input: no canonical mode, no echo, no signals from
 * Ctrl-C (it arrives as a byte), one byte at a time. begin saves the terminal's
 * mode and returns 1, or 0 when stdin is not a terminal or cannot be switched;
 * end puts the saved mode back (only after a begin that returned 1). drain
 * discards bytes already waiting (the tail of an escape sequence) without
 * blocking, and leaves the key mode on. */
int xe_keys_begin(void);
void xe_keys_end(void);
void xe_keys_drain(void);

/* Removes a sandbox directory when the process is ended by SIGHUP, SIGINT,
 * SIGTERM or SIGQUIT: the files SQLite may create in it (ledger.db and its
 * -wal, -shm and -journal), then the directory; then the signal takes its
 * default course. arm copies the paths before installing the handlers (the
 * handler calls only unlink, rmdir, signal and raise) and returns 1, or 0 when
 * memory ran out; disarm puts the default dispositions back and frees them. */
int xe_sandbox_cleanup_arm(const char *_Nonnull directory);
void xe_sandbox_cleanup_disarm(void);

#ifdef __cplusplus
}
#endif

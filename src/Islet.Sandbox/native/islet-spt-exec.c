/*
 * islet-spt-exec: the last step of the spt launcher, between fork and the image.
 *
 *   islet-spt-exec FILTER_FD IMAGE DEVICE_FD... -- ARGV0 ARG...
 *
 * The launcher (C#, src/Islet.Sandbox) starts this program with the device descriptors
 * inherited, then writes the seccomp-BPF program, compiled from the Islet ABI table for
 * this process's pid, into FILTER_FD and closes it. This program then, in order:
 *   1. opens IMAGE close-on-exec as fd 1023 (the only descriptor the filter lets execveat use);
 *   2. moves the device descriptors to 3, 4, ... in the given order and closes fd 0 and every
 *      other descriptor (stdout and stderr, fds 1 and 2, stay: they are the console);
 *   3. sets RLIMIT_NOFILE to 3 + devices (no descriptor can ever again be numbered 1023),
 *      RLIMIT_CORE to 0 and RLIMIT_MEMLOCK to 0;
 *   4. blocks SIGTERM, SIGINT and SIGURG (the image unblocks them only inside ppoll);
 *   5. asks for SIGKILL when the launcher dies, sets no-new-privileges, installs the filter, and calls
 *      execveat(1023, "", argv, {NULL}, AT_EMPTY_PATH) with an empty environment.
 * Between the filter and the exec nothing runs but that one call. Any failure prints one
 * line on stderr and exits with 127. It is C, not C#, so that no runtime with threads and
 * signal handlers sits between the fork and the sandbox.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define IMAGE_FD 1023
#define FIRST_DEVICE_FD 3
#define MAX_DEVICES 64
#define MAX_FILTER (4096 * sizeof(struct sock_filter))

static void fail(const char *step)
{
    fprintf(stderr, "islet-spt-exec: %s: %s\n", step, strerror(errno));
    _exit(127);
}

static int parse_fd(const char *text)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || value < 0 || value > 1 << 20) {
        fprintf(stderr, "islet-spt-exec: '%s' is not a descriptor number\n", text);
        _exit(127);
    }
    return (int)value;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: islet-spt-exec FILTER_FD IMAGE DEVICE_FD... -- ARGV0 ARG...\n");
        return 127;
    }
    int filter_fd = parse_fd(argv[1]);
    const char *image = argv[2];
    int devices[MAX_DEVICES];
    int count = 0;
    int i = 3;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (count == MAX_DEVICES) { fprintf(stderr, "islet-spt-exec: too many devices\n"); return 127; }
        devices[count++] = parse_fd(argv[i]);
    }
    if (i >= argc - 1) { fprintf(stderr, "islet-spt-exec: no image argv after --\n"); return 127; }
    char **image_argv = &argv[i + 1];

    /* The filter: read to the end (the launcher closes its end after writing). */
    static unsigned char filter[MAX_FILTER + 1];
    size_t filter_len = 0;
    for (;;) {
        ssize_t n = read(filter_fd, filter + filter_len, sizeof filter - filter_len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("reading the filter");
        if (n == 0) break;
        filter_len += (size_t)n;
        if (filter_len > MAX_FILTER) { errno = E2BIG; fail("reading the filter"); }
    }
    if (filter_len == 0 || filter_len % sizeof(struct sock_filter) != 0) { errno = EINVAL; fail("the filter"); }
    close(filter_fd);

    /* 1. The image, as the one descriptor execveat may use. */
    int image_fd = open(image, O_RDONLY | O_CLOEXEC);
    if (image_fd < 0) fail(image);
    if (image_fd != IMAGE_FD) {
        if (dup3(image_fd, IMAGE_FD, O_CLOEXEC) < 0) fail("dup3 of the image");
        close(image_fd);
    }

    /* 2. Devices to 3.., via high numbers so that a source and a target never collide. */
    for (int d = 0; d < count; d++) {
        if (dup3(devices[d], 512 + d, 0) < 0) fail("dup3 of a device");
    }
    for (int d = 0; d < count; d++) {
        if (dup3(512 + d, FIRST_DEVICE_FD + d, 0) < 0) fail("dup3 of a device");
    }
    close(0);
    if (syscall(SYS_close_range, FIRST_DEVICE_FD + count, IMAGE_FD - 1, 0) < 0) fail("close_range");
    if (syscall(SYS_close_range, IMAGE_FD + 1, ~0U, 0) < 0) fail("close_range");

    /* 3. Limits. */
    struct rlimit nofile = { FIRST_DEVICE_FD + count, FIRST_DEVICE_FD + count };
    struct rlimit zero = { 0, 0 };
    if (setrlimit(RLIMIT_NOFILE, &nofile) < 0) fail("setrlimit NOFILE");
    if (setrlimit(RLIMIT_CORE, &zero) < 0) fail("setrlimit CORE");
    if (setrlimit(RLIMIT_MEMLOCK, &zero) < 0) fail("setrlimit MEMLOCK");

    /* 4. Shutdown and wake-up signals are taken only inside the image's ppoll. */
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGURG);
    if (sigprocmask(SIG_BLOCK, &blocked, NULL) < 0) fail("sigprocmask");

    /* 5. The sandbox, then the image. The image dies with the launcher (its router). */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) fail("pdeathsig");
    if (getppid() == 1) { errno = ESRCH; fail("the launcher is gone"); }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) fail("no_new_privs");
    struct sock_fprog program = {
        .len = (unsigned short)(filter_len / sizeof(struct sock_filter)),
        .filter = (struct sock_filter *)filter,
    };
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) < 0) fail("seccomp");
    char *empty_environment[] = { NULL };
    syscall(SYS_execveat, IMAGE_FD, "", image_argv, empty_environment, AT_EMPTY_PATH);
    fail("execveat");
    return 127;
}

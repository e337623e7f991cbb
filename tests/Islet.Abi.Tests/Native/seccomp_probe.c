/*
 * Test helper for Islet.Abi.Tests (not the production launcher). Prints its pid, reads a
 * seccomp program (struct sock_filter records) from stdin, installs it, then either probes
 * a list of system calls ("probe") or runs an image the way spt will ("exec IMAGE"):
 * image on fd 1023 (O_CLOEXEC), RLIMIT_NOFILE below 1023, execveat(1023, "", ..., AT_EMPTY_PATH).
 * "launcher DIR" probes the calls the launcher's own filter decides, through glibc as the
 * .NET runtime makes them (DIR: a scratch directory the probe may try to write in).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *name, long result)
{
    char line[128];
    int n = snprintf(line, sizeof line, "%s %ld %d\n", name, result, result < 0 ? errno : 0);
    if (write(1, line, (size_t)n) != n) _exit(3);
}

static void install_filter_from_stdin(void)
{
    static struct sock_filter insns[4096];
    size_t got = 0;
    ssize_t n;
    while ((n = read(0, (char *)insns + got, sizeof insns - got)) > 0) got += (size_t)n;
    if (n < 0 || got == 0 || got % sizeof insns[0] != 0) { perror("read filter"); exit(2); }
    close(0);
    struct sock_fprog prog = { .len = (unsigned short)(got / sizeof insns[0]), .filter = insns };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) { perror("no_new_privs"); exit(2); }
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) { perror("seccomp"); exit(2); }
}

static void *thread_body(void *arg) { return arg; }

/* Under the launcher's filter: exec and new processes refused, threads and reads work, no writes by path. */
static int probe_launcher(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/created", dir);
    char *true_args[] = { "/bin/true", NULL };
    say("execve", syscall(SYS_execve, "/bin/true", true_args, environ));
    say("fork_clone", syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0));
    say("fork_glibc", fork());
    long clone3_args[11] = { 0 };
    say("clone3", syscall(SYS_clone3, clone3_args, sizeof clone3_args));
    pthread_t thread;
    int created = pthread_create(&thread, NULL, thread_body, NULL);
    say("pthread_create", created == 0 && pthread_join(thread, NULL) == 0 ? 0 : (errno = created, -1));
    int fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
    char byte;
    say("open_rdonly_read", fd >= 0 && read(fd, &byte, 1) == 1 ? 0 : -1);
    if (fd >= 0) close(fd);
    say("openat_rdonly", syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY) >= 0 ? 0 : -1);
    say("open_creat", syscall(SYS_open, path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
    say("openat_rdwr", syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDWR));
    say("fopen_append", fopen(path, "a") ? 0 : -1);
    say("mkdir", mkdir(path, 0700));
    say("unlink", unlink("/etc/passwd"));
    long unix_fd = syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    say("socket_unix", unix_fd >= 0 ? 0 : -1);
    say("socket_inet", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
    say("ptrace", syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0));
    say("setuid", syscall(SYS_setuid, getuid()));
    say("getpid", syscall(SYS_getpid) > 0 ? 0 : -1);
    syscall(SYS_exit_group, 0);
    return 0;
}

int main(int argc, char **argv)
{
    int image = -1;
    if (argc == 3 && strcmp(argv[1], "exec") == 0) {
        int fd = open(argv[2], O_RDONLY | O_CLOEXEC);
        if (fd < 0 || dup3(fd, 1023, O_CLOEXEC) != 1023) { perror("image"); return 2; }
        close(fd);
        image = 1023;
        struct rlimit limit = { 64, 64 };
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) { perror("rlimit"); return 2; }
    }
    printf("%d\n", getpid());
    fflush(stdout);
    pid_t before = getpid();
    install_filter_from_stdin();

    if (argc == 3 && strcmp(argv[1], "launcher") == 0) return probe_launcher(argv[2]);

    if (image >= 0) {
        char *args[] = { argv[2], NULL };
        syscall(SYS_execveat, image, "", args, environ, AT_EMPTY_PATH);
        say("execveat", -1);
        return 1;
    }

    say("socket", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
    say("open", syscall(SYS_open, "/etc/passwd", O_RDONLY));
    say("openat", syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY));
    char *true_args[] = { "/bin/true", NULL };
    say("execve", syscall(SYS_execve, "/bin/true", true_args, environ));
    say("execveat_other_fd", syscall(SYS_execveat, 1, "", true_args, environ, AT_EMPTY_PATH));
    say("ptrace", syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0));
    say("getpid_same", syscall(SYS_getpid) == before ? 0 : -1);
    say("mmap_exec", (long)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) < 0 ? -1 : 0);
    long page = (long)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("mmap_rw", page < 0 ? -1 : 0);
    say("mprotect_exec", syscall(SYS_mprotect, page, 4096, PROT_READ | PROT_EXEC));
    say("dup_fcntl", syscall(SYS_fcntl, 1, F_DUPFD_CLOEXEC, 0));
    say("dup", syscall(SYS_dup, 1));
    say("close_console", syscall(SYS_close, 2));
    struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    say("prlimit_set", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &unlimited, 0));
    say("kill_parent", syscall(SYS_kill, getppid(), 0));
    say("write_console", syscall(SYS_write, 1, "", 0));
    struct stat st;
    say("fstat_console", syscall(SYS_fstat, 1, &st));
    say("fork_clone", syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0));
    long clone3_args[11] = { 0 };
    say("clone3", syscall(SYS_clone3, clone3_args, sizeof clone3_args));
    say("tgkill_other", syscall(SYS_tgkill, 1, 1, 0));
    say("tgkill_self", syscall(SYS_tgkill, before, before, 0));
    syscall(SYS_exit_group, 0);
    return 0;
}

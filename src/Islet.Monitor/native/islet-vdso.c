/*
 * islet-vdso: the hvt guest's vDSO. glibc finds it through AT_SYSINFO_EHDR and calls these
 * functions instead of making system calls, so reading the time costs no exit to the monitor.
 *
 * Time comes from the TSC: the monitor writes its rate (ns = delta * mult >> shift, from
 * KVM_GET_TSC_KHZ) into a read-only page two pages below this image. The guest anchors the TSC
 * to the monitor's clocks itself: the first read, and then one read every ANCHOR_NS, makes the
 * real clock_gettime system calls bracketed by RDTSC and stores the pair in a writable page just
 * below this image, under a sequence lock. Between anchors the rate error (ppm) can move the
 * clock by microseconds at most; CLOCK_MONOTONIC is kept from going backwards across an anchor
 * and across threads by a compare-and-swap maximum. Anything else (other clocks, no TSC rate,
 * an anchor being written) falls back to the system call.
 *
 * Built with -nostdlib -fPIC into a single read-and-execute PT_LOAD (islet-vdso.lds), mapped by
 * the monitor exactly as the file is laid out. No relocations, no data of its own.
 */
#include <stdint.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define ANCHOR_NS 2000000000ull
#define NS 1000000000ull

struct timespec64 { int64_t tv_sec; int64_t tv_nsec; };
struct timeval64 { int64_t tv_sec; int64_t tv_usec; };

/* Written by the monitor before the guest starts; read-only to the guest. */
struct islet_vdso_rate {
    uint32_t magic;   /* 0x49534c54 "ISLT" when the TSC may be used */
    uint32_t shift;
    uint64_t mult;
};

/* The guest's own anchors, shared by its threads. */
struct islet_vdso_anchor {
    uint32_t seq;     /* odd while a thread re-anchors */
    uint32_t pad;
    uint64_t tsc;
    uint64_t mono;
    uint64_t real;
    uint64_t last_mono;
};

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static inline const volatile struct islet_vdso_rate *rate(void) { return (const volatile struct islet_vdso_rate *)(__ehdr_start - 8192); }
static inline struct islet_vdso_anchor *anchor(void) { return (struct islet_vdso_anchor *)(__ehdr_start - 4096); }

static inline long sys2(long n, long a, long b) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

static inline uint64_t rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline int64_t sys_ns(int clock) {
    struct timespec64 ts;
    if (sys2(228, clock, (long)&ts) != 0) return -1;
    return ts.tv_sec * (int64_t)NS + ts.tv_nsec;
}

/* Re-anchors; 0 on success, -1 when another thread is at it or a call failed. */
static int reanchor(struct islet_vdso_anchor *a, uint32_t seq) {
    if (!__atomic_compare_exchange_n(&a->seq, &seq, seq + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return -1;
    uint64_t t0 = rdtsc();
    int64_t mono = sys_ns(CLOCK_MONOTONIC);
    int64_t real = sys_ns(CLOCK_REALTIME);
    uint64_t t1 = rdtsc();
    int ok = mono >= 0 && real >= 0 && t1 >= t0;
    if (ok) {
        __atomic_store_n(&a->tsc, t0 + (t1 - t0) / 2, __ATOMIC_RELAXED);
        __atomic_store_n(&a->mono, (uint64_t)mono, __ATOMIC_RELAXED);
        __atomic_store_n(&a->real, (uint64_t)real, __ATOMIC_RELAXED);
    }
    __atomic_store_n(&a->seq, seq + 2, __ATOMIC_RELEASE);
    return ok ? 0 : -1;
}

/* Nanoseconds on the monotonic (real = 0) or real-time (real = 1) clock; -1: use the system call. */
static int64_t tsc_ns(int real) {
    const volatile struct islet_vdso_rate *r = rate();
    if (r->magic != 0x49534c54u) return -1;
    struct islet_vdso_anchor *a = anchor();
    for (int attempt = 0; attempt < 4; attempt++) {
        uint32_t seq = __atomic_load_n(&a->seq, __ATOMIC_ACQUIRE);
        if (seq & 1) return -1;
        uint64_t tsc = __atomic_load_n(&a->tsc, __ATOMIC_RELAXED);
        uint64_t base = real ? __atomic_load_n(&a->real, __ATOMIC_RELAXED) : __atomic_load_n(&a->mono, __ATOMIC_RELAXED);
        uint64_t now = rdtsc();
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&a->seq, __ATOMIC_RELAXED) != seq) continue;
        uint64_t delta = now - tsc;
        uint64_t ns = (uint64_t)(((unsigned __int128)delta * r->mult) >> r->shift);
        if (tsc == 0 || now < tsc || ns > ANCHOR_NS) {
            if (reanchor(a, seq) != 0) return -1;
            continue;
        }
        uint64_t value = base + ns;
        if (!real) {
            uint64_t last = __atomic_load_n(&a->last_mono, __ATOMIC_RELAXED);
            while (value > last && !__atomic_compare_exchange_n(&a->last_mono, &last, value, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) { }
            if (value < last) value = last;
        }
        return (int64_t)value;
    }
    return -1;
}

static int clock_kind(int clock) {
    switch (clock) {
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: return 0;
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: return 1;
    default: return -1;
    }
}

int __vdso_clock_gettime(int clock, struct timespec64 *ts) {
    int kind = clock_kind(clock);
    int64_t ns = kind < 0 ? -1 : tsc_ns(kind);
    if (ns < 0) return (int)sys2(228, clock, (long)ts);
    ts->tv_sec = ns / (int64_t)NS;
    ts->tv_nsec = ns % (int64_t)NS;
    return 0;
}

int __vdso_gettimeofday(struct timeval64 *tv, void *tz) {
    if (tz) return (int)sys2(96, (long)tv, (long)tz);
    if (tv) {
        int64_t ns = tsc_ns(1);
        if (ns < 0) return (int)sys2(96, (long)tv, 0);
        tv->tv_sec = ns / (int64_t)NS;
        tv->tv_usec = ns % (int64_t)NS / 1000;
    }
    return 0;
}

int64_t __vdso_time(int64_t *t) {
    int64_t ns = tsc_ns(1);
    if (ns < 0) return sys2(201, (long)t, 0);
    int64_t s = ns / (int64_t)NS;
    if (t) *t = s;
    return s;
}

long __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache) {
    (void)cache;
    if (cpu) *cpu = 0;
    if (node) *node = 0;
    return 0;
}

int __vdso_clock_getres(int clock, struct timespec64 *res) {
    if (clock_kind(clock) < 0) return -22; /* EINVAL: the ABI has no clock_getres */
    if (res) { res->tv_sec = 0; res->tv_nsec = 1; }
    return 0;
}

int clock_gettime(int, struct timespec64 *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct timeval64 *, void *) __attribute__((weak, alias("__vdso_gettimeofday")));
int64_t time(int64_t *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
int clock_getres(int, struct timespec64 *) __attribute__((weak, alias("__vdso_clock_getres")));

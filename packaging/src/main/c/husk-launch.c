/*
 * husk-launch: bin/husk's fast path. It builds the same java command line as the shell code in bin/husk (which
 * stays as the fallback when this is not built) and execs it. Why in C: containerd and podman start husk once per
 * operation, and the shell version spent about 4 ms per start on itself, 3 of them forking stat(1) to check the
 * AOT cache's key. Here each stat is a system call.
 *
 * Usage (from bin/husk only): husk-launch SELF [husk arguments...], SELF being bin/husk's absolute path.
 * The environment variables are bin/husk's (HUSK_JAVA, HUSK_AOT, HUSK_AOT_DIR, HUSK_JAVA_OPTS), plus
 * HUSK_LAUNCH_PRINT=1, which prints the command line, one word per line, instead of running it (a test compares
 * it with the shell version's).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A growable string. */
struct buf {
    char *s;
    size_t len, cap;
};

/* A growable list of strings: the class path, the java command line. */
struct list {
    const char **v;
    int n, cap;
};

static void die(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("husk: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(code);
}

static void put(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            die(1, "out of memory");
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void add(struct list *l, const char *word)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die(1, "out of memory");
    }
    l->v[l->n++] = word;
    l->v[l->n] = NULL;
}

static char *cat(const char *a, const char *b)
{
    char *r;
    if (asprintf(&r, "%s%s", a, b) < 0)
        die(1, "out of memory");
    return r;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A path as a glob(3) pattern that matches only itself: a checkout may sit under a name with '[' or '*'. */
static char *glob_quote(const char *path)
{
    char *q = malloc(2 * strlen(path) + 1), *o = q;
    if (!q)
        die(1, "out of memory");
    for (; *path; path++) {
        if (strchr("*?[]\\", *path))
            *o++ = '\\';
        *o++ = *path;
    }
    *o = 0;
    return q;
}

/* A jar of classes, not the -tests, -sources or -javadoc jar a build may leave beside it. */
static int is_class_jar(const char *name)
{
    static const char *others[] = {"-tests.jar", "-sources.jar", "-javadoc.jar"};
    size_t len = strlen(name);
    for (size_t k = 0; k < sizeof others / sizeof *others; k++) {
        size_t n = strlen(others[k]);
        if (len >= n && strcmp(name + len - n, others[k]) == 0)
            return 0;
    }
    return 1;
}

static void add_entry(struct list *cp, const char *pkg, const char *jar)
{
    const char *slash = strrchr(jar, '/');
    char *rebuilt = cat(cat(pkg, "/release25/"), slash ? slash + 1 : jar);
    add(cp, is_file(rebuilt) ? rebuilt : jar);
}

static void build_classpath(struct list *cp, const char *home, const char *pkg)
{
    static const char *first_patterns[] = {"javax.inject-*.jar", "dagger-*.jar", "husk-core-*.jar"};
    const char *lib = cat(glob_quote(home), "/cli/target/lib/");
    glob_t g, first;
    const char *cli = NULL;
    memset(&g, 0, sizeof g);
    glob(cat(glob_quote(home), "/cli/target/husk-cli-*.jar"), 0, NULL, &g);
    for (size_t i = 0; i < g.gl_pathc && !cli; i++)
        if (is_class_jar(g.gl_pathv[i]) && is_file(g.gl_pathv[i]))
            cli = g.gl_pathv[i];
    if (!cli)
        die(1, "not built yet; run the build command from README.md first");
    add(cp, cli);
    memset(&first, 0, sizeof first);
    for (int i = 0; i < 3; i++)
        glob(cat(lib, first_patterns[i]), i ? GLOB_APPEND : 0, NULL, &first);
    for (size_t i = 0; i < first.gl_pathc; i++)
        if (is_file(first.gl_pathv[i]))
            add_entry(cp, pkg, first.gl_pathv[i]);
    glob_t rest;
    memset(&rest, 0, sizeof rest);
    glob(cat(lib, "*.jar"), 0, NULL, &rest);
    glob(cat(glob_quote(pkg), "/husk-packaging-*.jar"), GLOB_APPEND, NULL, &rest);
    for (size_t i = 0; i < rest.gl_pathc; i++) {
        int seen = 0;
        for (size_t k = 0; k < first.gl_pathc; k++)
            seen |= strcmp(rest.gl_pathv[i], first.gl_pathv[k]) == 0;
        if (!seen && is_file(rest.gl_pathv[i]))
            add_entry(cp, pkg, rest.gl_pathv[i]);
    }
}

static void key_entry(struct buf *key, const char *path)
{
    struct stat st;
    char num[64];
    put(key, path);
    if (stat(path, &st) != 0) {
        put(key, " missing;"); /* never equal to a key the build wrote */
        return;
    }
    snprintf(num, sizeof num, " %lld %lld;", (long long)st.st_size, (long long)st.st_mtim.tv_sec);
    put(key, num);
}

/* As bin/husk's key(): "PATH SIZE MTIME;" for the JVM's own files and every jar, in class-path order. */
static char *cache_key(const char *java, const char *jdk, const struct list *cp)
{
    struct buf key = {0};
    put(&key, "");
    key_entry(&key, java);
    key_entry(&key, cat(jdk, "/lib/server/libjvm.so"));
    key_entry(&key, cat(jdk, "/lib/modules"));
    for (int i = 0; i < cp->n; i++)
        key_entry(&key, cp->v[i]);
    return key.s;
}

static char *first_line(const char *path)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    if (!f)
        return NULL;
    ssize_t n = getline(&line, &cap, f);
    fclose(f);
    if (n <= 0)
        return NULL;
    line[strcspn(line, "\n")] = 0;
    return line;
}

static const char *find_java(void)
{
    const char *java = getenv("HUSK_JAVA");
    const char *home = getenv("JAVA_HOME");
    if (java && *java)
        return java;
    if (access("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", X_OK) == 0)
        return "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    if (home && *home)
        return cat(home, "/bin/java");
    return "java";
}

/* The command word (state, create...) after the global flags, or NULL. */
static const char *command_word(int argc, char **argv)
{
    static const char *with_value[] = {"--root", "--log", "--log-format", "--plugins-dir", "--rootfs", "--sync"};
    for (int i = 0; i < argc; i++) {
        int takes = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++)
            takes |= strcmp(argv[i], with_value[k]) == 0;
        if (takes)
            i++;
        else if (argv[i][0] != '-')
            return argv[i];
    }
    return NULL;
}

static int is_short(const char *cmd)
{
    static const char *shorts[] = {"state", "start", "kill", "delete", "list", "run-cleanup"};
    for (size_t k = 0; cmd && k < sizeof shorts / sizeof *shorts; k++)
        if (strcmp(cmd, shorts[k]) == 0)
            return 1;
    return 0;
}

/* husk-COMMAND.aot, else husk-short.aot for the short commands; husk.aot for everything else. */
static char *pick_cache(const char *aot, const char *cmd, int short_cmd)
{
    if (short_cmd) {
        char *own = cat(cat(cat(aot, "/husk-"), cmd), ".aot");
        char *shared = cat(aot, "/husk-short.aot");
        if (is_file(own))
            return own;
        if (is_file(shared))
            return shared;
    }
    return cat(aot, "/husk.aot");
}

/*
 * Lists in HUSK_CALLER_FDS the fds from 3 up that the caller passed (open, not close-on-exec). With
 * --preserve-fds N husk hands the container only those of 3..N+2: the JVM opens its own files (jars, its class
 * image) without close-on-exec at whatever numbers are free, and they must not reach the container. Only a
 * command line that preserves fds pays for the listing.
 */
static void note_caller_fds(int argc, char **argv)
{
    int preserves = 0;
    for (int i = 2; i < argc && !preserves; i++)
        preserves = strncmp(argv[i], "--preserve-fds", 14) == 0;
    if (!preserves)
        return;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return;
    struct buf list = {0};
    put(&list, "");
    struct dirent *e;
    while ((e = readdir(d))) {
        int fd = atoi(e->d_name);
        int flags = fd >= 3 && fd != dirfd(d) ? fcntl(fd, F_GETFD) : -1;
        if (flags < 0 || (flags & FD_CLOEXEC))
            continue;
        char n[16];
        snprintf(n, sizeof n, "%s%d", list.len ? "," : "", fd);
        put(&list, n);
    }
    closedir(d);
    setenv("HUSK_CALLER_FDS", list.s, 1);
}

int main(int argc, char **argv)
{
    note_caller_fds(argc, argv);
    if (argc < 2 || argv[1][0] != '/')
        die(125, "husk-launch is started by bin/husk, with bin/husk's absolute path first");
    const char *self = argv[1];
    char *home = strdup(self);
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(home, '/');
        if (slash)
            *slash = 0;
    }
    /* One spelling of the checkout whatever symlinks led here, so the class path (and the cache key that holds
       it) is the one the build trained with. */
    char *real = realpath(home, NULL);
    if (real)
        home = real;
    const char *pkg = cat(home, "/packaging/target");
    const char *java = find_java();
    char *jdk = strdup(java);
    size_t jl = strlen(jdk);
    if (jl >= 9 && strcmp(jdk + jl - 9, "/bin/java") == 0)
        jdk[jl - 9] = 0;
    struct list cp = {0};
    build_classpath(&cp, home, pkg);
    const char *dir = getenv("HUSK_AOT_DIR");
    const char *aot = dir && *dir ? dir : cat(pkg, "/aot");
    const char *mode = getenv("HUSK_AOT");
    if (!mode || !*mode)
        mode = "auto";
    const char *cmd = command_word(argc - 2, argv + 2);
    int short_cmd = is_short(cmd);

    struct list words = {0};
    const char *main_class = "io.husk.cli.Main";
    add(&words, java);
    add(&words, "-XX:+UseSerialGC");
    add(&words, "-XX:TieredStopAtLevel=1");
    add(&words, "-XX:-UsePerfData");
    add(&words, "-Xms4m");
    add(&words, "-Xmx256m");
    if (short_cmd) {
        add(&words, "-Xint");
    } else {
        add(&words, "-XX:+UnlockDiagnosticVMOptions");
        add(&words, "-XX:-AOTReplayTraining");
        add(&words, "-XX:C1MaxInlineSize=16");
        add(&words, "-XX:C1InlineStackLimit=3");
    }
    char *cache = pick_cache(aot, cmd, short_cmd);
    if (strcmp(mode, "auto") == 0 || strcmp(mode, "require") == 0) {
        char *want = first_line(cat(aot, "/husk.key"));
        if (want && *want && is_file(cache) && strcmp(cache_key(java, jdk, &cp), want) == 0) {
            add(&words, cat("-XX:AOTCache=", cache));
            if (is_file(cat(aot, "/providers")))
                add(&words, cat("-Dhusk.providers=", cat(aot, "/providers")));
            if (strcmp(mode, "require") == 0)
                add(&words, "-XX:AOTMode=on");
        } else if (strcmp(mode, "require") == 0) {
            if (is_file(cat(aot, "/husk.aot")))
                die(125, "the AOT cache in %s is stale (a jar or the JDK changed since it was built)", aot);
            die(125, "no AOT cache in %s", aot);
        }
    } else if (strcmp(mode, "key") == 0) {
        printf("%s\n", cache_key(java, jdk, &cp));
        return 0;
    } else if (strncmp(mode, "train=", 6) == 0) {
        add(&words, cat("-XX:AOTCacheOutput=", mode + 6));
        main_class = "io.husk.packaging.Train";
    } else if (strncmp(mode, "record=", 7) == 0) {
        add(&words, cat("-XX:AOTCacheOutput=", mode + 7));
    } else if (strcmp(mode, "off") != 0) {
        die(125, "HUSK_AOT=%s: expected auto, off, require, key, train=FILE or record=FILE", mode);
    }
    if (is_file(cat(pkg, "/jffi/libjffi-1.2.so")))
        add(&words, cat("-Djffi.boot.library.path=", cat(pkg, "/jffi")));
    add(&words, "-Djnr.ffi.asm.enabled=false");
    add(&words, "-Djdk.reflect.useNativeAccessorOnly=true");
    add(&words, "-Dstdout.encoding=UTF-8");
    add(&words, "-Dstderr.encoding=UTF-8");
    add(&words, "-Djava.properties.date=husk");
    add(&words, "-Xlog:disable");
    add(&words, "-Xlog:all=warning:stderr");
    const char *extra = getenv("HUSK_JAVA_OPTS");
    if (extra) {
        char *copy = strdup(extra), *save = NULL;
        for (char *w = strtok_r(copy, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
            add(&words, w);
    }
    add(&words, "--enable-native-access=ALL-UNNAMED");
    add(&words, cat("-Dhusk.launcher=", self));
    add(&words, "-cp");
    struct buf joined = {0};
    for (int i = 0; i < cp.n; i++) {
        put(&joined, i ? ":" : "");
        put(&joined, cp.v[i]);
    }
    add(&words, joined.s);
    add(&words, main_class);
    for (int i = 2; i < argc; i++)
        add(&words, argv[i]);

    const char *print = getenv("HUSK_LAUNCH_PRINT");
    if (print && *print) {
        for (int i = 0; i < words.n; i++)
            printf("%s\n", words.v[i]);
        return 0;
    }
    if (strchr(java, '/'))
        execv(java, (char **)words.v);
    else
        execvp(java, (char **)words.v);
    /* The shell's codes: 127 for a command not found, 126 for one found but not runnable. */
    die(errno == ENOENT ? 127 : 126, "cannot run %s: %s", java, strerror(errno));
}

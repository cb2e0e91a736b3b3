/*
 * native/cni-shim.c - the jnetns CNI plugin binary (target/jnetns-cni): a thin client of
 * `jnetns cni-daemon`, with no JVM. A runtime execs it as it would any CNI plugin.
 *
 *   VERSION   answered here (the same answer as the Java plugin's; CniPluginTest compares them)
 *   others    the environment and stdin go to the daemon's unix socket ("daemonSocket" in the
 *             network config, else /run/jnetns/cni.sock); its stdout and exit code come back and
 *             are relayed. When no daemon answers (no socket, refused, gone before it answered) or
 *             the daemon sends the call back (the caller sees other files than the daemon), the
 *             in-process plugin runs instead: ROOT/bin/jnetns cni, with the same environment and
 *             stdin, where ROOT is the directory above this binary's own (target/ or libexec/).
 *
 * The wire format (CniWire.java reads and writes the daemon's side):
 *   request   "JNC1", u32 length (big-endian), then that many bytes: each environment entry
 *             NUL-terminated, an empty entry, then stdin
 *   answer    "JNC1", one byte 'R' (a result) or 'F' (run in-process), u32 exit code, u32 length,
 *             then that many bytes of stdout
 *
 * Built by `bin/jnetns-cni --build` (gcc -O2 -static). No argument; exit codes are the plugin's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAGIC "JNC1"
#define DEFAULT_SOCKET "/run/jnetns/cni.sock"
#define MAX_REQUEST (1 << 20)   /* the daemon refuses more; such a call runs in-process */

static const char *const VERSIONS[] = {"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"};
#define NVERSIONS (sizeof VERSIONS / sizeof VERSIONS[0])

extern char **environ;

/* All of stdin. */
static char *in;
static size_t in_len;

static void read_stdin(void)
{
    size_t room = 4096;
    in = malloc(room + 1);
    for (;;) {
        if (in == NULL) {
            perror("jnetns-cni: malloc");
            exit(1);
        }
        ssize_t n = read(0, in + in_len, room - in_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        in_len += n;
        if (in_len == room) {
            room *= 2;
            in = realloc(in, room + 1);
        }
    }
    in[in_len] = 0;
}

/*
 * The string value of the first "key" in the config text, copied into out (room bytes), or NULL
 * when there is none, it has escapes or does not fit. The keys asked for are the config's own, which
 * come before any nested object a runtime adds (prevResult, runtimeConfig).
 */
static const char *json_string(const char *key, char *out, size_t room)
{
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *p = strstr(in, quoted);
    if (p == NULL)
        return NULL;
    p += strlen(quoted);
    p += strspn(p, " \t\r\n");
    if (*p++ != ':')
        return NULL;
    p += strspn(p, " \t\r\n");
    if (*p++ != '"')
        return NULL;
    size_t len = strcspn(p, "\"\\");
    if (p[len] != '"' || len >= room)
        return NULL;
    memcpy(out, p, len);
    out[len] = 0;
    return out;
}

/* VERSION: the versions the plugin speaks, answered in the one asked for when it is one of them. */
static int version(void)
{
    char asked[16];
    const char *v = "1.1.0";
    if (json_string("cniVersion", asked, sizeof asked) != NULL)
        for (size_t i = 0; i < NVERSIONS; i++)
            if (strcmp(asked, VERSIONS[i]) == 0)
                v = VERSIONS[i];
    printf("{\"cniVersion\": \"%s\", \"supportedVersions\": [", v);
    for (size_t i = 0; i < NVERSIONS; i++)
        printf("%s\"%s\"", i ? ", " : "", VERSIONS[i]);
    printf("]}\n");
    return 0;
}

/* The spec's error object on stdout, exit 1 (for the one failure the shim has of its own). */
static int fail(const char *msg, const char *details)
{
    char asked[16];
    const char *v = json_string("cniVersion", asked, sizeof asked);
    printf("{\"cniVersion\": \"%s\", \"code\": 5, \"msg\": \"%s\", \"details\": \"%s\"}\n", v ? v : "1.0.0", msg,
           details);
    return 1;
}

/* Runs the in-process plugin (ROOT/bin/jnetns cni) with our environment and stdin; returns only on failure. */
static int in_process(void)
{
    char self[PATH_MAX], launcher[PATH_MAX + 32], jre[PATH_MAX + 32];
    if (realpath("/proc/self/exe", self) == NULL)
        return fail("cannot find the jnetns CNI plugin's own path", strerror(errno));
    char *root = dirname(dirname(self));
    snprintf(launcher, sizeof launcher, "%s/bin/jnetns", root);
    snprintf(jre, sizeof jre, "%s/jre", root);
    if (getenv("JAVA_HOME") == NULL) {   /* a node install ships its runtime next to the launcher */
        char java[PATH_MAX + 48];
        snprintf(java, sizeof java, "%s/bin/java", jre);
        if (access(java, X_OK) == 0)
            setenv("JAVA_HOME", jre, 1);
    }
    int fd = memfd_create("jnetns-cni-stdin", 0);   /* stdin was read: hand it on as a file */
    if (fd < 0 || write(fd, in, in_len) != (ssize_t)in_len || lseek(fd, 0, SEEK_SET) != 0 || dup2(fd, 0) < 0)
        return fail("cannot pass the config on to the in-process plugin", strerror(errno));
    close(fd);
    char *argv[] = {"jnetns", "cni", NULL};
    execv(launcher, argv);
    return fail("cannot run the in-process jnetns CNI plugin", launcher);
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

static void put_u32(char *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The request: header, environment entries, an empty entry, stdin. NULL when it would be too large. */
static char *request(size_t *len)
{
    size_t n = 8 + 1 + in_len;
    for (char **e = environ; *e; e++)
        n += strlen(*e) + 1;
    if (n - 8 > MAX_REQUEST)
        return NULL;
    char *buf = malloc(n);
    if (buf == NULL)
        return NULL;
    memcpy(buf, MAGIC, 4);
    put_u32(buf + 4, n - 8);
    char *p = buf + 8;
    for (char **e = environ; *e; e++) {
        size_t l = strlen(*e) + 1;
        memcpy(p, *e, l);
        p += l;
    }
    *p++ = 0;
    memcpy(p, in, in_len);
    *len = n;
    return buf;
}

int main(void)
{
    read_stdin();
    const char *command = getenv("CNI_COMMAND");
    if (command != NULL && strcmp(command, "VERSION") == 0)
        return version();

    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (json_string("daemonSocket", addr.sun_path, sizeof addr.sun_path) == NULL)
        strcpy(addr.sun_path, DEFAULT_SOCKET);
    size_t len;
    char *req = request(&len);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (req == NULL || fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || write_all(fd, req, len) < 0)
        return in_process();

    unsigned char head[13];
    if (read_all(fd, head, sizeof head) < 0 || memcmp(head, MAGIC, 4) != 0 || head[4] != 'R')
        return in_process();   /* gone before it answered, or sent the call back */
    uint32_t rc = get_u32(head + 5), out_len = get_u32(head + 9);
    char *out = malloc(out_len + 1);
    if (out == NULL || read_all(fd, out, out_len) < 0)
        return in_process();
    fwrite(out, 1, out_len, stdout);
    return rc;
}

/*
 * native/jni-syscall.c - the one JNI function of the FFM backend's fast start: syscall(3) with six
 * arguments, the result or -errno. A fresh JVM's first FFM downcall spends tens of milliseconds
 * making its method handle (which the AOT cache does not keep); a JNI call costs nothing to link.
 * Built by native/build-jni.sh (Maven's process-classes phase, or bin/jnetns on first use) into
 * target/libjnetns-jni.so; dev.jnetns.sys.JniSyscall loads it when -Djnetns.jni names it and the
 * backend falls back to its FFM downcall when it is absent.
 */
#include <errno.h>
#include <jni.h>
#include <unistd.h>

JNIEXPORT jlong JNICALL Java_dev_jnetns_sys_JniSyscall_syscall(JNIEnv *env, jclass cls, jlong nr, jlong a, jlong b,
                                                               jlong c, jlong d, jlong e, jlong f) {
    (void) env;
    (void) cls;
    long r = syscall((long) nr, (long) a, (long) b, (long) c, (long) d, (long) e, (long) f);
    return r < 0 ? -(jlong) errno : (jlong) r;
}

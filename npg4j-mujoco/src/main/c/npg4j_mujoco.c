/*
 * JNI shim between org.npg4j.mujoco.MujocoNative and MuJoCo's C API (libmujoco, built against 2.2.2's headers).
 *
 * Errors. MuJoCo reports a fatal error through mju_error, whose default handler prints, waits for Enter and calls
 * exit(1): it would end the JVM. The shim installs its own handler: every JNI entry that calls into MuJoCo arms a
 * thread-local sigjmp_buf (GUARD_BEGIN) and the handler jumps back there; the entry then throws
 * org.npg4j.mujoco.MujocoException with MuJoCo's message. MuJoCo is C, so no destructor is skipped; the only
 * state a jump can leave behind is mjData's stack pointer, which the entries restore. A fatal error outside a guarded
 * entry cannot happen (all entries that call MuJoCo are guarded); if it did, the handler aborts with the message
 * rather than let MuJoCo continue in an undefined state.
 *
 * Warnings. The default warning handler appends to MUJOCO_LOG.TXT in the working directory. The shim keeps the
 * last warning instead (per thread, readable from Java) and writes no file.
 *
 * Simulation handle. A Sim pairs an mjData with its model and remembers how the derived quantities in mjData
 * (xpos, cfrc_ext, contacts, ...) were produced, so that a saved state can be restored bit for bit, derived
 * quantities included: after step(n), those quantities come from the force evaluations of the last substep, so the
 * shim keeps the integration state at the start of that substep (or before mj_forward) and restoring re-runs it.
 */
#include <jni.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mujoco/mujoco.h>

/* ------------------------------------------------------------------------------------------------ errors */

static __thread sigjmp_buf* tl_jmp = NULL;
static __thread char tl_error[1024];
static __thread char tl_warning[1024];

static void on_error(const char* msg) {
    snprintf(tl_error, sizeof tl_error, "%s", msg);
    if (tl_jmp != NULL) {
        siglongjmp(*tl_jmp, 1);
    }
    fprintf(stderr, "npg4j-mujoco: MuJoCo error outside a guarded call, aborting: %s\n", msg);
    abort();
}

static void on_warning(const char* msg) {
    snprintf(tl_warning, sizeof tl_warning, "%s", msg);
}

static void throw_named(JNIEnv* env, const char* cls, const char* msg) {
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) {
        (*env)->ThrowNew(env, c, msg);
    }
}

static void throw_mujoco(JNIEnv* env, const char* msg) {
    throw_named(env, "org/npg4j/mujoco/MujocoException", msg);
}

static void throw_arg(JNIEnv* env, const char* msg) {
    throw_named(env, "java/lang/IllegalArgumentException", msg);
}

/*
 * GUARD_BEGIN arms the error jump for the rest of the entry; on a MuJoCo error the entry runs `cleanup`, throws
 * MujocoException and returns the remaining argument (nothing for a void entry). GUARD_END disarms it; every return
 * after GUARD_BEGIN must pass GUARD_END first. Locals read by `cleanup` are assigned before GUARD_BEGIN only, so
 * they need no volatile.
 */
#define GUARD_BEGIN(env, cleanup, ...)            \
    sigjmp_buf jb_;                               \
    sigjmp_buf* prev_ = tl_jmp;                   \
    if (sigsetjmp(jb_, 0) != 0) {                 \
        tl_jmp = prev_;                           \
        cleanup;                                  \
        throw_mujoco(env, tl_error);              \
        return __VA_ARGS__;                       \
    }                                             \
    tl_jmp = &jb_;
#define GUARD_END tl_jmp = prev_;

/* ------------------------------------------------------------------------------------------------ handles */

enum { ORIGIN_UNKNOWN = 0, ORIGIN_FORWARD = 1, ORIGIN_STEP = 2 };

typedef struct {
    const mjModel* m;
    mjData* d;
    int origin;        /* how mjData's derived quantities were produced */
    mjtNum* before;    /* integration state and inputs before the last substep or mj_forward */
} Sim;

#define M(h) ((const mjModel*) (intptr_t) (h))
#define S(h) ((Sim*) (intptr_t) (h))

static int integration_size(const mjModel* m) {
    return 1 + m->nq + m->nv + m->na + m->nv;
}

static void save_integration(const mjModel* m, const mjData* d, mjtNum* out) {
    out[0] = d->time;
    out += 1;
    mju_copy(out, d->qpos, m->nq);
    out += m->nq;
    mju_copy(out, d->qvel, m->nv);
    out += m->nv;
    mju_copy(out, d->act, m->na);
    out += m->na;
    mju_copy(out, d->qacc_warmstart, m->nv);
}

static void load_integration(const mjModel* m, mjData* d, const mjtNum* in) {
    d->time = in[0];
    in += 1;
    mju_copy(d->qpos, in, m->nq);
    in += m->nq;
    mju_copy(d->qvel, in, m->nv);
    in += m->nv;
    mju_copy(d->act, in, m->na);
    in += m->na;
    mju_copy(d->qacc_warmstart, in, m->nv);
}

/* Inputs that mj_step reads but never writes: ctrl, applied forces, mocap poses, user data. */
static int input_size(const mjModel* m) {
    return m->nu + m->nv + 6 * m->nbody + 3 * m->nmocap + 4 * m->nmocap + m->nuserdata;
}

static void save_inputs(const mjModel* m, const mjData* d, mjtNum* out) {
    mju_copy(out, d->ctrl, m->nu);
    out += m->nu;
    mju_copy(out, d->qfrc_applied, m->nv);
    out += m->nv;
    mju_copy(out, d->xfrc_applied, 6 * m->nbody);
    out += 6 * m->nbody;
    mju_copy(out, d->mocap_pos, 3 * m->nmocap);
    out += 3 * m->nmocap;
    mju_copy(out, d->mocap_quat, 4 * m->nmocap);
    out += 4 * m->nmocap;
    mju_copy(out, d->userdata, m->nuserdata);
}

static void load_inputs(const mjModel* m, mjData* d, const mjtNum* in) {
    mju_copy(d->ctrl, in, m->nu);
    in += m->nu;
    mju_copy(d->qfrc_applied, in, m->nv);
    in += m->nv;
    mju_copy(d->xfrc_applied, in, 6 * m->nbody);
    in += 6 * m->nbody;
    mju_copy(d->mocap_pos, in, 3 * m->nmocap);
    in += 3 * m->nmocap;
    mju_copy(d->mocap_quat, in, 4 * m->nmocap);
    in += 4 * m->nmocap;
    mju_copy(d->userdata, in, m->nuserdata);
}

/* The integration state and the inputs, as kept before the last substep or mj_forward. */
static int before_size(const mjModel* m) {
    return integration_size(m) + input_size(m);
}

static void save_before(const mjModel* m, const mjData* d, mjtNum* out) {
    save_integration(m, d, out);
    save_inputs(m, d, out + integration_size(m));
}

/*
 * State layout: [origin, integration (current), inputs (current), integration and inputs before the last substep or
 * mj_forward]. The inputs are kept twice because they may be written between a step and saving the state.
 */
static int state_size(const mjModel* m) {
    return 1 + integration_size(m) + input_size(m) + before_size(m);
}

/* ------------------------------------------------------------------------------------------------ library */

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void* reserved) {
    (void) vm;
    (void) reserved;
    mju_user_error = on_error;
    mju_user_warning = on_warning;
    return JNI_VERSION_1_8;
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_libraryVersion(JNIEnv* env, jclass cls) {
    (void) env;
    (void) cls;
    return mj_version();
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_headerVersion(JNIEnv* env, jclass cls) {
    (void) env;
    (void) cls;
    return mjVERSION_HEADER;
}

JNIEXPORT jstring JNICALL Java_org_npg4j_mujoco_MujocoNative_lastWarning(JNIEnv* env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, tl_warning);
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_clearWarning(JNIEnv* env, jclass cls) {
    (void) env;
    (void) cls;
    tl_warning[0] = '\0';
}

/* Raises a MuJoCo error through mju_error, as the engine does (for tests of the error path). */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_raiseError(JNIEnv* env, jclass cls, jstring jmsg) {
    (void) cls;
    const char* msg = (*env)->GetStringUTFChars(env, jmsg, NULL);
    char copy[512];
    snprintf(copy, sizeof copy, "%s", msg);
    (*env)->ReleaseStringUTFChars(env, jmsg, msg);
    GUARD_BEGIN(env, (void) 0)
    mju_error(copy);
    GUARD_END
}

/* Raises a MuJoCo warning through mju_warning (for tests of the warning path). */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_raiseWarning(JNIEnv* env, jclass cls, jstring jmsg) {
    (void) cls;
    const char* msg = (*env)->GetStringUTFChars(env, jmsg, NULL);
    char copy[512];
    snprintf(copy, sizeof copy, "%s", msg);
    (*env)->ReleaseStringUTFChars(env, jmsg, msg);
    GUARD_BEGIN(env, (void) 0)
    mju_warning(copy);
    GUARD_END
}

/* ------------------------------------------------------------------------------------------------ model */

static jlong load(JNIEnv* env, const char* filename, const mjVFS* vfs) {
    char error[1024] = "";
    mjModel* m = NULL;
    GUARD_BEGIN(env, (void) 0, 0)
    m = mj_loadXML(filename, vfs, error, sizeof error);
    GUARD_END
    if (m == NULL) {
        char msg[1400];
        snprintf(msg, sizeof msg, "%s: %s", filename, error[0] ? error : "MuJoCo could not load the model");
        throw_mujoco(env, msg);
        return 0;
    }
    if (error[0]) {   /* a compiler warning about a model that did load */
        on_warning(error);
    }
    return (jlong) (intptr_t) m;
}

JNIEXPORT jlong JNICALL Java_org_npg4j_mujoco_MujocoNative_loadXmlFile(JNIEnv* env, jclass cls, jstring jpath) {
    (void) cls;
    const char* path = (*env)->GetStringUTFChars(env, jpath, NULL);
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    (*env)->ReleaseStringUTFChars(env, jpath, path);
    return load(env, copy, NULL);
}

/* Loads a model from XML text through a one-file virtual file system named `name`. */
JNIEXPORT jlong JNICALL Java_org_npg4j_mujoco_MujocoNative_loadXmlString(JNIEnv* env, jclass cls, jbyteArray jxml,
                                                                         jstring jname) {
    (void) cls;
    const char* name = (*env)->GetStringUTFChars(env, jname, NULL);
    char copy[mjMAXVFSNAME];
    snprintf(copy, sizeof copy, "%s", name);
    (*env)->ReleaseStringUTFChars(env, jname, name);
    jsize n = (*env)->GetArrayLength(env, jxml);
    mjVFS* vfs = (mjVFS*) malloc(sizeof(mjVFS));   /* about 2 MB: not on the stack */
    if (vfs == NULL) {
        throw_mujoco(env, "out of memory for MuJoCo's virtual file system");
        return 0;
    }
    jlong h = 0;
    GUARD_BEGIN(env, free(vfs), 0)
    mj_defaultVFS(vfs);
    if (mj_makeEmptyFileVFS(vfs, copy, (int) n) != 0) {
        GUARD_END
        free(vfs);
        throw_mujoco(env, "MuJoCo's virtual file system refused the XML text");
        return 0;
    }
    GUARD_END
    (*env)->GetByteArrayRegion(env, jxml, 0, n, (jbyte*) vfs->filedata[vfs->nfile - 1]);
    h = load(env, copy, vfs);
    mj_deleteVFS(vfs);
    free(vfs);
    return h;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_deleteModel(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    mj_deleteModel((mjModel*) M(h));
}

/* Sizes, in the order of MjModel's constructor. */
JNIEXPORT jintArray JNICALL Java_org_npg4j_mujoco_MujocoNative_modelSizes(JNIEnv* env, jclass cls, jlong h) {
    (void) cls;
    const mjModel* m = M(h);
    jint v[] = {m->nq, m->nv, m->nu, m->na, m->nbody, m->njnt, m->ngeom, m->nsite, m->nsensor, m->nsensordata,
                m->nmocap, m->nuserdata, m->opt.integrator, m->nkey, m->ntendon};
    jsize n = (jsize) (sizeof v / sizeof v[0]);
    jintArray out = (*env)->NewIntArray(env, n);
    if (out != NULL) {
        (*env)->SetIntArrayRegion(env, out, 0, n, v);
    }
    return out;
}

JNIEXPORT jdouble JNICALL Java_org_npg4j_mujoco_MujocoNative_timestep(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    return M(h)->opt.timestep;
}

/* Model arrays of doubles; codes match MjModel's DOUBLE_* constants. */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_modelDoubles(JNIEnv* env, jclass cls, jlong h, jint field,
                                                                       jdoubleArray out) {
    (void) cls;
    const mjModel* m = M(h);
    const mjtNum* src = NULL;
    const float* fsrc = NULL;
    int n = 0;
    switch (field) {
        case 0: src = m->qpos0; n = m->nq; break;
        case 1: src = m->actuator_ctrlrange; n = 2 * m->nu; break;
        case 2: src = m->body_mass; n = m->nbody; break;
        case 3: src = m->geom_size; n = 3 * m->ngeom; break;
        case 4: fsrc = m->geom_rgba; n = 4 * m->ngeom; break;
        case 5: src = m->jnt_range; n = 2 * m->njnt; break;
        case 6: src = m->actuator_gear; n = 6 * m->nu; break;
        case 7: src = m->geom_friction; n = 3 * m->ngeom; break;
        case 8: src = m->body_pos; n = 3 * m->nbody; break;
        case 9: src = m->geom_pos; n = 3 * m->ngeom; break;
        case 10: src = m->key_qpos; n = m->nkey * m->nq; break;
        case 11: src = m->body_inertia; n = 3 * m->nbody; break;
        default: throw_arg(env, "unknown model field"); return;
    }
    if ((*env)->GetArrayLength(env, out) != n) {
        throw_arg(env, "model field: array length does not match the model");
        return;
    }
    if (src != NULL) {
        (*env)->SetDoubleArrayRegion(env, out, 0, n, src);
    } else {
        jdouble* tmp = (jdouble*) malloc(sizeof(jdouble) * (n > 0 ? n : 1));
        for (int i = 0; i < n; i++) {
            tmp[i] = fsrc[i];
        }
        (*env)->SetDoubleArrayRegion(env, out, 0, n, tmp);
        free(tmp);
    }
}

/* Model arrays of integers; codes match MjModel's INT_* constants. */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_modelInts(JNIEnv* env, jclass cls, jlong h, jint field,
                                                                    jintArray out) {
    (void) cls;
    const mjModel* m = M(h);
    const int* src = NULL;
    const mjtByte* bsrc = NULL;
    int n = 0;
    switch (field) {
        case 0: src = m->geom_type; n = m->ngeom; break;
        case 1: src = m->geom_bodyid; n = m->ngeom; break;
        case 2: src = m->body_parentid; n = m->nbody; break;
        case 3: src = m->jnt_type; n = m->njnt; break;
        case 4: src = m->jnt_qposadr; n = m->njnt; break;
        case 5: src = m->jnt_dofadr; n = m->njnt; break;
        case 6: src = m->jnt_bodyid; n = m->njnt; break;
        case 7: src = m->site_bodyid; n = m->nsite; break;
        case 8: bsrc = m->actuator_ctrllimited; n = m->nu; break;
        case 9: src = m->geom_contype; n = m->ngeom; break;
        case 10: src = m->geom_conaffinity; n = m->ngeom; break;
        case 11: src = m->sensor_adr; n = m->nsensor; break;
        case 12: src = m->sensor_dim; n = m->nsensor; break;
        default: throw_arg(env, "unknown model field"); return;
    }
    if ((*env)->GetArrayLength(env, out) != n) {
        throw_arg(env, "model field: array length does not match the model");
        return;
    }
    if (src != NULL) {
        (*env)->SetIntArrayRegion(env, out, 0, n, src);
    } else {
        for (int i = 0; i < n; i++) {
            jint v = bsrc[i];
            (*env)->SetIntArrayRegion(env, out, i, 1, &v);
        }
    }
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_objectCount(JNIEnv* env, jclass cls, jlong h, jint type) {
    (void) env;
    (void) cls;
    const mjModel* m = M(h);
    switch (type) {
        case mjOBJ_BODY: return m->nbody;
        case mjOBJ_JOINT: return m->njnt;
        case mjOBJ_GEOM: return m->ngeom;
        case mjOBJ_SITE: return m->nsite;
        case mjOBJ_ACTUATOR: return m->nu;
        case mjOBJ_SENSOR: return m->nsensor;
        case mjOBJ_CAMERA: return m->ncam;
        case mjOBJ_KEY: return m->nkey;
        default: return -1;
    }
}

JNIEXPORT jstring JNICALL Java_org_npg4j_mujoco_MujocoNative_id2name(JNIEnv* env, jclass cls, jlong h, jint type,
                                                                     jint id) {
    (void) cls;
    const char* name = NULL;
    GUARD_BEGIN(env, (void) 0, NULL)
    name = mj_id2name(M(h), type, id);
    GUARD_END
    return name == NULL ? NULL : (*env)->NewStringUTF(env, name);
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_name2id(JNIEnv* env, jclass cls, jlong h, jint type,
                                                                  jstring jname) {
    (void) cls;
    const char* name = (*env)->GetStringUTFChars(env, jname, NULL);
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", name);
    (*env)->ReleaseStringUTFChars(env, jname, name);
    int id = -1;
    GUARD_BEGIN(env, (void) 0, -1)
    id = mj_name2id(M(h), type, copy);
    GUARD_END
    return id;
}

/* ------------------------------------------------------------------------------------------------ data */

JNIEXPORT jlong JNICALL Java_org_npg4j_mujoco_MujocoNative_makeData(JNIEnv* env, jclass cls, jlong h) {
    (void) cls;
    const mjModel* m = M(h);
    Sim* s = (Sim*) calloc(1, sizeof(Sim));
    if (s == NULL) {
        throw_mujoco(env, "out of memory for a simulation");
        return 0;
    }
    s->m = m;
    s->before = (mjtNum*) calloc((size_t) before_size(m), sizeof(mjtNum));
    mjData* d = NULL;
    GUARD_BEGIN(env, (free(s->before), free(s)), 0)
    d = mj_makeData(m);
    GUARD_END
    if (d == NULL || s->before == NULL) {
        free(s->before);
        free(s);
        throw_mujoco(env, "MuJoCo could not allocate mjData");
        return 0;
    }
    s->d = d;
    s->origin = ORIGIN_UNKNOWN;
    return (jlong) (intptr_t) s;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_deleteData(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    Sim* s = S(h);
    mj_deleteData(s->d);
    free(s->before);
    free(s);
}

/* The data arrays by code (MjData.Array's ordinal); sets *n to the number of values. */
static mjtNum* data_array(const mjModel* m, mjData* d, int field, int* n) {
    switch (field) {
        case 0: *n = m->nq; return d->qpos;
        case 1: *n = m->nv; return d->qvel;
        case 2: *n = m->na; return d->act;
        case 3: *n = m->nu; return d->ctrl;
        case 4: *n = m->nv; return d->qacc;
        case 5: *n = m->nv; return d->qacc_warmstart;
        case 6: *n = m->nv; return d->qfrc_applied;
        case 7: *n = 6 * m->nbody; return d->xfrc_applied;
        case 8: *n = 3 * m->nbody; return d->xpos;
        case 9: *n = 4 * m->nbody; return d->xquat;
        case 10: *n = 9 * m->nbody; return d->xmat;
        case 11: *n = 3 * m->nbody; return d->xipos;
        case 12: *n = 3 * m->ngeom; return d->geom_xpos;
        case 13: *n = 9 * m->ngeom; return d->geom_xmat;
        case 14: *n = 3 * m->nsite; return d->site_xpos;
        case 15: *n = 9 * m->nsite; return d->site_xmat;
        case 16: *n = 3 * m->nbody; return d->subtree_com;
        case 17: *n = 10 * m->nbody; return d->cinert;
        case 18: *n = 6 * m->nbody; return d->cvel;
        case 19: *n = 6 * m->nbody; return d->cacc;
        case 20: *n = 6 * m->nbody; return d->cfrc_int;
        case 21: *n = 6 * m->nbody; return d->cfrc_ext;
        case 22: *n = m->nv; return d->qfrc_actuator;
        case 23: *n = m->nv; return d->qfrc_constraint;
        case 24: *n = m->nv; return d->qfrc_passive;
        case 25: *n = m->nv; return d->qfrc_bias;
        case 26: *n = m->nu; return d->actuator_force;
        case 27: *n = m->nsensordata; return d->sensordata;
        case 28: *n = 3 * m->nmocap; return d->mocap_pos;
        case 29: *n = 4 * m->nmocap; return d->mocap_quat;
        case 30: *n = m->nuserdata; return d->userdata;
        case 31: *n = 3 * m->nbody; return d->subtree_linvel;
        case 32: *n = 3 * m->nbody; return d->subtree_angmom;
        case 33: *n = m->ntendon; return d->ten_length;
        case 34: *n = m->ntendon; return d->ten_velocity;
        default: *n = -1; return NULL;
    }
}

/*
 * Writable arrays: the state (codes 0-2, 5) and the inputs (3, 6, 7, 28-30). Writing the state makes the origin of the
 * derived quantities unknown; inputs are kept with the state before the last computation, so writing them does not.
 */
static int writable(int field) {
    return (field >= 0 && field <= 3) || (field >= 5 && field <= 7) || (field >= 28 && field <= 30);
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_dataSize(JNIEnv* env, jclass cls, jlong h, jint field) {
    (void) env;
    (void) cls;
    Sim* s = S(h);
    int n;
    data_array(s->m, s->d, field, &n);
    return n;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_getArray(JNIEnv* env, jclass cls, jlong h, jint field,
                                                                   jdoubleArray out) {
    (void) cls;
    Sim* s = S(h);
    int n;
    mjtNum* src = data_array(s->m, s->d, field, &n);
    if (src == NULL || (*env)->GetArrayLength(env, out) != n) {
        throw_arg(env, "data array: unknown field or array length does not match the model");
        return;
    }
    (*env)->SetDoubleArrayRegion(env, out, 0, n, src);
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_setArray(JNIEnv* env, jclass cls, jlong h, jint field,
                                                                   jdoubleArray in) {
    (void) cls;
    Sim* s = S(h);
    int n;
    mjtNum* dst = data_array(s->m, s->d, field, &n);
    if (dst == NULL || !writable(field) || (*env)->GetArrayLength(env, in) != n) {
        throw_arg(env, "data array: not writable or array length does not match the model");
        return;
    }
    (*env)->GetDoubleArrayRegion(env, in, 0, n, dst);
    if (field <= 2 || field == 5) {
        s->origin = ORIGIN_UNKNOWN;
    }
}

JNIEXPORT jdouble JNICALL Java_org_npg4j_mujoco_MujocoNative_time(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    return S(h)->d->time;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_setTime(JNIEnv* env, jclass cls, jlong h, jdouble t) {
    (void) env;
    (void) cls;
    S(h)->d->time = t;
    S(h)->origin = ORIGIN_UNKNOWN;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_resetData(JNIEnv* env, jclass cls, jlong h) {
    (void) cls;
    Sim* s = S(h);
    GUARD_BEGIN(env, (void) 0)
    mj_resetData(s->m, s->d);
    GUARD_END
    s->origin = ORIGIN_UNKNOWN;
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_forward(JNIEnv* env, jclass cls, jlong h) {
    (void) cls;
    Sim* s = S(h);
    int mark = s->d->pstack;
    s->origin = ORIGIN_UNKNOWN;
    save_before(s->m, s->d, s->before);
    GUARD_BEGIN(env, s->d->pstack = mark)
    mj_forward(s->m, s->d);
    GUARD_END
    s->origin = ORIGIN_FORWARD;
}

/* n substeps, keeping the integration state at the start of the last one, then mj_rnePostConstraint. */
static void simulate(Sim* s, int n) {
    const mjModel* m = s->m;
    mjData* d = s->d;
    for (int i = 0; i < n - 1; i++) {
        mj_step(m, d);
    }
    save_before(m, d, s->before);
    mj_step(m, d);
    mj_rnePostConstraint(m, d);
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_step(JNIEnv* env, jclass cls, jlong h, jint n) {
    (void) cls;
    Sim* s = S(h);
    int mark = s->d->pstack;
    s->origin = ORIGIN_UNKNOWN;
    GUARD_BEGIN(env, s->d->pstack = mark)
    simulate(s, n);
    GUARD_END
    s->origin = ORIGIN_STEP;
}

/* ctrl := action, then step(n): one env step of Gymnasium's MujocoEnv in one call. */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_stepWithCtrl(JNIEnv* env, jclass cls, jlong h,
                                                                       jdoubleArray ctrl, jint n) {
    (void) cls;
    Sim* s = S(h);
    if ((*env)->GetArrayLength(env, ctrl) != s->m->nu) {
        throw_arg(env, "ctrl: array length does not match the model's nu");
        return;
    }
    (*env)->GetDoubleArrayRegion(env, ctrl, 0, s->m->nu, s->d->ctrl);
    int mark = s->d->pstack;
    s->origin = ORIGIN_UNKNOWN;
    GUARD_BEGIN(env, s->d->pstack = mark)
    simulate(s, n);
    GUARD_END
    s->origin = ORIGIN_STEP;
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_contactCount(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    return S(h)->d->ncon;
}

/*
 * The first min(ncon, capacity) contacts: geoms (geom1, geom2 per contact) and values (dist, pos[3], normal[3] per
 * contact); returns ncon.
 */
JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_contacts(JNIEnv* env, jclass cls, jlong h, jintArray geoms,
                                                                   jdoubleArray values) {
    (void) cls;
    const mjData* d = S(h)->d;
    int cap = (*env)->GetArrayLength(env, geoms) / 2;
    int capv = (*env)->GetArrayLength(env, values) / 7;
    if (capv < cap) {
        cap = capv;
    }
    int k = d->ncon < cap ? d->ncon : cap;
    for (int i = 0; i < k; i++) {
        const mjContact* c = &d->contact[i];
        jint g[2] = {c->geom1, c->geom2};
        jdouble v[7] = {c->dist, c->pos[0], c->pos[1], c->pos[2], c->frame[0], c->frame[1], c->frame[2]};
        (*env)->SetIntArrayRegion(env, geoms, 2 * i, 2, g);
        (*env)->SetDoubleArrayRegion(env, values, 7 * i, 7, v);
    }
    return d->ncon;
}

/* The force of contact i in its contact frame (normal, tangent1, tangent2, torques): mj_contactForce. */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_contactForce(JNIEnv* env, jclass cls, jlong h, jint i,
                                                                       jdoubleArray out) {
    (void) cls;
    Sim* s = S(h);
    if (i < 0 || i >= s->d->ncon || (*env)->GetArrayLength(env, out) != 6) {
        throw_arg(env, "contactForce: contact index out of range or output length is not 6");
        return;
    }
    mjtNum f[6];
    GUARD_BEGIN(env, (void) 0)
    mj_contactForce(s->m, s->d, i, f);
    GUARD_END
    (*env)->SetDoubleArrayRegion(env, out, 0, 6, f);
}

JNIEXPORT jint JNICALL Java_org_npg4j_mujoco_MujocoNative_stateSize(JNIEnv* env, jclass cls, jlong h) {
    (void) env;
    (void) cls;
    return state_size(S(h)->m);
}

JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_saveState(JNIEnv* env, jclass cls, jlong h,
                                                                    jdoubleArray out) {
    (void) cls;
    Sim* s = S(h);
    const mjModel* m = s->m;
    int n = state_size(m);
    if ((*env)->GetArrayLength(env, out) != n) {
        throw_arg(env, "saveState: array length does not match the model");
        return;
    }
    mjtNum* buf = (mjtNum*) malloc(sizeof(mjtNum) * (size_t) n);
    buf[0] = s->origin;
    save_integration(m, s->d, buf + 1);
    save_inputs(m, s->d, buf + 1 + integration_size(m));
    if (s->origin != ORIGIN_UNKNOWN) {
        mju_copy(buf + 1 + integration_size(m) + input_size(m), s->before, before_size(m));
    } else {
        mju_zero(buf + 1 + integration_size(m) + input_size(m), before_size(m));
    }
    (*env)->SetDoubleArrayRegion(env, out, 0, n, buf);
    free(buf);
}

/*
 * Restores a saved state. After a step or mj_forward, re-runs that last computation (the last substep, or
 * mj_forward, which renormalises quaternions and updates the warm start) from the integration state saved before it:
 * MuJoCo is deterministic, so the derived quantities are the ones the saved data held; then checks that the run lands
 * bit for bit on the saved state. ORIGIN_UNKNOWN: sets the state only.
 */
JNIEXPORT void JNICALL Java_org_npg4j_mujoco_MujocoNative_restoreState(JNIEnv* env, jclass cls, jlong h,
                                                                       jdoubleArray in) {
    (void) cls;
    Sim* s = S(h);
    const mjModel* m = s->m;
    mjData* d = s->d;
    int n = state_size(m);
    if ((*env)->GetArrayLength(env, in) != n) {
        throw_arg(env, "restoreState: array length does not match the model");
        return;
    }
    mjtNum* buf = (mjtNum*) malloc(sizeof(mjtNum) * (size_t) n);
    (*env)->GetDoubleArrayRegion(env, in, 0, n, buf);
    int origin = (int) buf[0];
    if (buf[0] != ORIGIN_UNKNOWN && buf[0] != ORIGIN_FORWARD && buf[0] != ORIGIN_STEP) {
        free(buf);
        throw_arg(env, "restoreState: the state's first entry is not a known origin (0, 1 or 2)");
        return;
    }
    const mjtNum* current = buf + 1;
    const mjtNum* inputs = current + integration_size(m);
    const mjtNum* before = inputs + input_size(m);
    int mark = d->pstack;
    int mismatch = 0;
    mjtNum* now = (mjtNum*) malloc(sizeof(mjtNum) * (size_t) integration_size(m));
    s->origin = ORIGIN_UNKNOWN;
    GUARD_BEGIN(env, (d->pstack = mark, free(buf), free(now)))
    if (origin == ORIGIN_UNKNOWN) {
        load_integration(m, d, current);
    } else {
        load_integration(m, d, before);
        load_inputs(m, d, before + integration_size(m));
        if (origin == ORIGIN_STEP) {
            simulate(s, 1);
        } else {
            mju_copy(s->before, before, before_size(m));
            mj_forward(m, d);
        }
        save_integration(m, d, now);
        mismatch = memcmp(now, current, sizeof(mjtNum) * (size_t) integration_size(m)) != 0;
        load_integration(m, d, current);
    }
    load_inputs(m, d, inputs);
    GUARD_END
    free(buf);
    free(now);
    if (mismatch) {
        throw_mujoco(env, "restoreState: re-running the last substep did not reproduce the saved state (was the "
                          "state saved by another model or MuJoCo build?)");
        return;
    }
    s->origin = origin;
}

/*
 * The reference loop for the benchmark: `envSteps` env steps of ctrl := ctrls[k mod rows], frameSkip mj_steps and
 * mj_rnePostConstraint, entirely in C. Returns the elapsed wall time in nanoseconds.
 */
JNIEXPORT jlong JNICALL Java_org_npg4j_mujoco_MujocoNative_referenceLoop(JNIEnv* env, jclass cls, jlong h,
                                                                         jdoubleArray jctrls, jint envSteps,
                                                                         jint frameSkip) {
    (void) cls;
    Sim* s = S(h);
    const mjModel* m = s->m;
    mjData* d = s->d;
    int nu = m->nu;
    jsize len = (*env)->GetArrayLength(env, jctrls);
    if (nu == 0 || len % nu != 0 || len == 0) {
        throw_arg(env, "referenceLoop: ctrls must hold a positive multiple of nu values");
        return 0;
    }
    int rows = len / nu;
    mjtNum* ctrls = (mjtNum*) malloc(sizeof(mjtNum) * (size_t) len);
    (*env)->GetDoubleArrayRegion(env, jctrls, 0, len, ctrls);
    struct timespec t0, t1;
    int mark = d->pstack;
    s->origin = ORIGIN_UNKNOWN;
    GUARD_BEGIN(env, (d->pstack = mark, free(ctrls)), 0)
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int k = 0; k < envSteps; k++) {
        mju_copy(d->ctrl, ctrls + (size_t) (k % rows) * nu, nu);
        for (int i = 0; i < frameSkip; i++) {
            mj_step(m, d);
        }
        mj_rnePostConstraint(m, d);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    GUARD_END
    free(ctrls);
    return (jlong) (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
}

package org.predspace.platform;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

/**
 * The OpenBLAS routines the core calls directly (the LAPACK that ND4J bundles, which ND4J itself
 * does not expose): the one class outside the gateway that names OpenBLAS's binding, so the
 * geometry and spectra packages reach the native library only through the platform layer
 * (ArchitectureTest; docs/architecture.md, "Layers"). Each method is the routine of the same
 * name with the same arguments, nothing added: callers keep LAPACK's conventions, and the
 * figures they compute do not change. It waits for OpenBLAS through the gateway before its
 * first call.
 */
public final class OpenBlas {
    static { NativeLibraries.requireBlas(); }   // first loaded where no interrupt can poison them

    public static final int CBLAS_ROW_MAJOR = openblas.CblasRowMajor;
    public static final int CBLAS_COL_MAJOR = openblas.CblasColMajor;
    public static final int CBLAS_UPPER = openblas.CblasUpper;
    public static final int CBLAS_NO_TRANS = openblas.CblasNoTrans;
    public static final int LAPACK_ROW_MAJOR = openblas.LAPACK_ROW_MAJOR;
    public static final int LAPACK_COL_MAJOR = openblas.LAPACK_COL_MAJOR;

    private OpenBlas() {}

    /** OpenBLAS's own thread count (one OpenBLAS per process, shared with ND4J). */
    public static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    public static void setThreads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
    }

    public static void dsyrk(int layout, int uplo, int trans, int n, int k, double alpha, DoubleBuffer a, int lda,
                             double beta, DoubleBuffer c, int ldc) {
        openblas.cblas_dsyrk(layout, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
    }

    public static void dgemm(int layout, int transA, int transB, int m, int n, int k, double alpha, DoublePointer a, int lda,
                             DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
        openblas.cblas_dgemm(layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    public static void sgemm(int layout, int transA, int transB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                             FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    public static int dsyev(int layout, byte jobz, byte uplo, int n, double[] a, int lda, double[] w) {
        return openblas.LAPACKE_dsyev(layout, jobz, uplo, n, a, lda, w);
    }

    public static int dsyev2stage(int layout, byte jobz, byte uplo, int n, DoubleBuffer a, int lda, DoubleBuffer w) {
        return openblas.LAPACKE_dsyev_2stage(layout, jobz, uplo, n, a, lda, w);
    }

    public static int dsyevd(int layout, byte jobz, byte uplo, int n, DoubleBuffer a, int lda, DoubleBuffer w) {
        return openblas.LAPACKE_dsyevd(layout, jobz, uplo, n, a, lda, w);
    }

    public static int dsyevr(int layout, byte jobz, byte range, byte uplo, int n, DoubleBuffer a, int lda,
                             double vl, double vu, int il, int iu, double abstol, IntBuffer m, DoubleBuffer w,
                             DoubleBuffer z, int ldz, IntBuffer isuppz) {
        return openblas.LAPACKE_dsyevr(layout, jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz);
    }

    public static int dsytrd(int layout, byte uplo, int n, double[] a, int lda, double[] d, double[] e, double[] tau) {
        return openblas.LAPACKE_dsytrd(layout, uplo, n, a, lda, d, e, tau);
    }

    public static int dstemr(int layout, byte jobz, byte range, int n, double[] d, double[] e, double vl, double vu,
                             int il, int iu, int[] m, double[] w, double[] z, int ldz, int nzc, int[] isuppz, int[] tryrac) {
        return openblas.LAPACKE_dstemr(layout, jobz, range, n, d, e, vl, vu, il, iu, m, w, z, ldz, nzc, isuppz, tryrac);
    }

    public static int dormtr(int layout, byte side, byte uplo, byte trans, int m, int n, double[] a, int lda,
                             double[] tau, double[] c, int ldc) {
        return openblas.LAPACKE_dormtr(layout, side, uplo, trans, m, n, a, lda, tau, c, ldc);
    }
}

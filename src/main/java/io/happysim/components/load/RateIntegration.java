package io.happysim.components.load;

/**
 * Numeric arrival solving for arbitrary rate profiles, as the original: adaptive Simpson for the
 * integral, bracket expansion by doubling, then Brent's method for the root.
 */
final class RateIntegration {
    private static final double INTEGRAL_TOLERANCE = 1e-10;
    private static final int MAX_DEPTH = 50;
    private static final double ROOT_TOLERANCE = 1e-12;
    private static final int MAX_EXPANSIONS = 50;

    private RateIntegration() {
    }

    /** The time t >= from where the rate integrated from {@code from} equals {@code area}; +Infinity if never. */
    static double solve(RateProfile profile, double from, double area) {
        if (area <= 0) {
            return from;
        }
        double rate = profile.rateAt(from);
        double guess = rate > 0 ? Math.min(Math.max(2 * area / rate, 1e-9), 3600.0) : 0.1;
        double hi = from + guess;
        double accumulated = integrate(profile, from, hi);
        int expansions = 0;
        while (accumulated < area) {
            if (++expansions > MAX_EXPANSIONS) {
                return Double.POSITIVE_INFINITY;
            }
            guess *= 2;
            hi = from + guess;
            accumulated = integrate(profile, from, hi);
        }
        return brent(profile, from, area, from, hi);
    }

    static double integrate(RateProfile f, double a, double b) {
        if (b <= a) {
            return 0;
        }
        double fa = f.rateAt(a);
        double fb = f.rateAt(b);
        double m = (a + b) / 2;
        double fm = f.rateAt(m);
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return simpson(f, a, b, fa, fm, fb, whole, INTEGRAL_TOLERANCE, MAX_DEPTH);
    }

    private static double simpson(RateProfile f, double a, double b, double fa, double fm, double fb,
                                  double whole, double tolerance, int depth) {
        double m = (a + b) / 2;
        double lm = (a + m) / 2;
        double rm = (m + b) / 2;
        double flm = f.rateAt(lm);
        double frm = f.rateAt(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        double delta = left + right - whole;
        if (depth <= 0 || Math.abs(delta) <= 15 * tolerance) {
            return left + right + delta / 15;
        }
        return simpson(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
                + simpson(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }

    /** Brent's method on g(t) = integral(from, t) - area over [lo, hi], where g(lo) < 0 <= g(hi). */
    private static double brent(RateProfile f, double from, double area, double lo, double hi) {
        double a = lo;
        double b = hi;
        double fa = -area;
        double fb = integrate(f, from, b) - area;
        if (fb == 0) {
            return b;
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int iteration = 0; iteration < 200; iteration++) {
            if ((fb > 0) == (fc > 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolerance = 2 * Math.ulp(b) + ROOT_TOLERANCE / 2;
            double middle = (c - b) / 2;
            if (Math.abs(middle) <= tolerance || fb == 0) {
                return b;
            }
            if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * middle * s;
                    q = 1 - s;
                } else {
                    double r = fb / fc;
                    double t = fa / fc;
                    p = s * (2 * middle * t * (t - r) - (b - a) * (r - 1));
                    q = (t - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * middle * q - Math.abs(tolerance * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = middle;
                    e = d;
                }
            } else {
                d = middle;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tolerance ? d : Math.copySign(tolerance, middle);
            fb = integrate(f, from, b) - area;
        }
        return b;
    }
}

#pragma once
// Small fixed-size 3-vector / 3x3-matrix algebra for host code (crystal geometry, network).
// Device code in kernels/ has its own plain arrays; this header is host-only.
#include <array>
#include <cmath>

namespace ionhop {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;  // row-major: m[i] is row i

inline Vec3 operator+(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
inline Vec3 operator-(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
inline Vec3 operator*(double s, const Vec3& a) { return {s * a[0], s * a[1], s * a[2]}; }
inline Vec3 operator*(const Vec3& a, double s) { return s * a; }
inline Vec3& operator+=(Vec3& a, const Vec3& b) { a = a + b; return a; }
inline Vec3& operator-=(Vec3& a, const Vec3& b) { a = a - b; return a; }
inline double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

inline Vec3 matvec(const Mat3& m, const Vec3& v) { return {dot(m[0], v), dot(m[1], v), dot(m[2], v)}; }
inline Mat3 transpose(const Mat3& m) {
  return {{{m[0][0], m[1][0], m[2][0]}, {m[0][1], m[1][1], m[2][1]}, {m[0][2], m[1][2], m[2][2]}}};
}
inline Mat3 matmul(const Mat3& a, const Mat3& b) {
  const Mat3 bt = transpose(b);
  Mat3 r{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) r[i][j] = dot(a[i], bt[j]);
  return r;
}
inline double det(const Mat3& m) { return dot(m[0], cross(m[1], m[2])); }
inline Mat3 inverse(const Mat3& m) {  // caller checks det != 0
  const double d = det(m);
  const Vec3 c0 = cross(m[1], m[2]), c1 = cross(m[2], m[0]), c2 = cross(m[0], m[1]);
  return transpose(Mat3{{(1.0 / d) * c0, (1.0 / d) * c1, (1.0 / d) * c2}});
}

// Wrap a fractional coordinate into [0, 1).
inline double wrap01(double x) {
  double r = x - std::floor(x);
  return r >= 1.0 ? 0.0 : r;
}
inline Vec3 wrap01(const Vec3& f) { return {wrap01(f[0]), wrap01(f[1]), wrap01(f[2])}; }
// Minimum-image fractional difference in [-0.5, 0.5).
inline Vec3 min_image_frac(const Vec3& d) {
  return {d[0] - std::round(d[0]), d[1] - std::round(d[1]), d[2] - std::round(d[2])};
}

}  // namespace ionhop

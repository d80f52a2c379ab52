/**
 * Decoding of TETRA LIP location reports (Location Information Protocol, ETSI TS 100 392-18-1):
 * the first stage of the gateway, turning the SDS payload a radio sends into a {@link
 * org.bluelamp.tracking.lip.LipReport} with units in every name.
 *
 * <h2>Public surface</h2>
 * <ul>
 *   <li>{@link org.bluelamp.tracking.lip.LipDecoder}: {@code decode(byte[])}, {@code decode(byte[],
 *       int bitLength)}, {@code decodeHex(String)}, {@code decodeWithProtocolIdentifier(byte[])},
 *       {@code parseHex(String)}. Stateless, thread-safe.
 *   <li>{@link org.bluelamp.tracking.lip.LipReport} and its parts ({@link
 *       org.bluelamp.tracking.lip.LipTime}, {@link org.bluelamp.tracking.lip.LipShapeParameters},
 *       {@link org.bluelamp.tracking.lip.LipAltitude}, the code enums): immutable records/enums.
 *   <li>{@link org.bluelamp.tracking.lip.LipDecodeException}: checked; names the field and bit offset.
 *       Malformed or truncated input never yields a report and never throws anything else.
 *   <li>{@link org.bluelamp.tracking.lip.LipPositionTime}: fix time as an epoch-millisecond interval.
 * </ul>
 *
 * <h2>Bit layouts implemented</h2>
 * Bits are numbered from 0 = most significant bit of the first octet. Clause and table numbers are
 * those of TS 100 392-18-1 V1.7.2 (2018-01) as the sources cite them; V1.6.1 numbers some later
 * tables one higher (time elapsed 6.112, velocity type 6.124, type of additional data 6.121).
 *
 * <pre>
 * PDU type (table 6.91)  2 bits: 0 short location report, 1 PDU with extension, 2-3 reserved
 *
 * SHORT LOCATION REPORT (6.2.1), 76 bits:
 *   bit  0  PDU type               2  = 00
 *   bit  2  time elapsed           2  table 6.111: &lt;5 s, &lt;5 min, &lt;30 min, not known
 *   bit  4  longitude             25  two's complement, 360/2^25 deg per step  (6.3.50)
 *   bit 29  latitude              24  two's complement, 180/2^24 deg per step  (6.3.30)
 *   bit 53  position error         3  table 6.93: &lt;2 m, &lt;20 m, &lt;200 m, &lt;2 km, &lt;20 km,
 *                                     &lt;=200 km, &gt;200 km, not known
 *   bit 56  horizontal velocity    7  6.3.17, see below
 *   bit 63  direction of travel    4  table 6.45: code x 22.5 deg (15 = 337.5 deg "or not known")
 *   bit 67  type of additional data 1 table 6.120: 0 reason for sending, 1 user-defined data
 *   bit 68  reason for sending / user-defined data  8  table 6.94
 *
 * LONG LOCATION REPORT (6.2.2):
 *   PDU type 2 (= 01), PDU type extension 4 (table 6.92; 3 = long location report; every other
 *   extension is rejected as "not a location report"),
 *   time type 2 (table 6.114: 0 none, 1 time elapsed, 2 time of position, 3 reserved)
 *     time elapsed          2   (as above)
 *     time of position     22   table 6.112: day 5 (1-31; 0 reserved), hour 5 (0-23; 24-31
 *                               reserved), minute 6 (0-59), second 6 (0-59); UTC
 *   location shape 4 (table 6.79), then per shape (all start with longitude 25, latitude 24):
 *     0 no shape                     0
 *     1 point                       49
 *     2 circle                      55  + horizontal position uncertainty 6
 *     3 ellipse                     72  + half major axis 6, half minor axis 6, angle 8, confidence 3
 *     4 point with altitude         61  + location altitude 12
 *     5 circle with altitude        67  + uncertainty 6, altitude 12
 *     6 ellipse with altitude       84  + major 6, minor 6, angle 8, altitude 12, confidence 3
 *     7 circle with altitude and altitude uncertainty   70  + uncertainty 6, altitude 12, altitude accuracy 3
 *     8 ellipse with altitude and altitude uncertainty  87  + major 6, minor 6, angle 8, altitude 12,
 *                                                            altitude accuracy 3, confidence 3
 *     9 arc                        100  + inner radius 16, outer radius 16, start angle 8, stop angle 8,
 *                                         confidence 3
 *    10 point and position error    52  + position error 3
 *    11-14 reserved ("unknown location shape N"), 15 location shape extension ("unsupported")
 *   velocity type 3 (table 6.123), then:
 *     0 none 0 | 1 horizontal 7 | 2 horizontal 7, h. uncertainty 3 | 3 horizontal 7, vertical 8
 *     | 4 horizontal 7, h. uncertainty 3, vertical 8, v. uncertainty 3
 *     | 5 horizontal 7, direction of travel extended 8
 *     | 6 horizontal 7, h. uncertainty 3, direction extended 8, direction uncertainty 3
 *     | 7 horizontal 7, h. uncertainty 3, vertical 8, v. uncertainty 3, direction extended 8,
 *         direction uncertainty 3
 *     (vertical velocity 8 = sign bit, 0 up / 1 down, then a 7-bit magnitude coded as horizontal)
 *   acknowledgement request 1 (table 6.31), type of additional data 1, reason for sending or
 *   user-defined data 8.
 *   Anything after that: up to 7 bits are octet padding; more are the optional type-5 elements of
 *   6.2.2, kept raw (hex + bit count) and not interpreted.
 *
 * SCALES
 *   horizontal velocity (6.3.17, table 6.51): 0-28 = K km/h; 29-125: 16 x 1.038^(K-13) km/h
 *     (C = 16, x = 0.038, A = 13, B = 0); 126 "more than 1 043 km/h" (reported as 1 043.1, a lower
 *     bound); 127 not known (empty). Checked in tests against every example value of table 6.51.
 *   horizontal position uncertainty, half axes (table 6.49): 2 x 1.2^(K+5) - 4 m ("less than"),
 *     K = 0-62 (0 = &lt;1 m ... 62 = &lt;403 802.7 m); 63 best effort (empty).
 *   angle, direction of travel extended, arc angles (table 6.33): K x 360/256 deg.
 *   location altitude: 1 type bit (0 WGS84 ellipsoid, 1 user defined) + 11 bits:
 *     1-1201 = -200..1 000 m by 1 m, 1202-1926 = 1 002..2 450 m by 2 m, 1927-2047 = 2 525..11 525 m
 *     by 75 m; 0 reserved (empty).
 *   location altitude accuracy (table 6.63): &lt;1, &lt;2, &lt;5, &lt;15, &lt;50, &lt;150, &lt;300 m, best effort.
 *   arc inner/outer radius: K x 2 m.
 * </pre>
 *
 * <h2>Sources and cross-checks</h2>
 * The specification text itself was not readable here (only title pages of the V1.3.1-V1.7.2 PDFs),
 * so every table was taken from open implementations that transcribe it, at least two per table:
 * <ol>
 *   <li>SvxLink {@code TetraLib.h} (DL1HRC): short report layout; quotes the spec's velocity text
 *       ("0 to 28 km/h in 1 km/h steps ... C = 16, x = 0,038, A = 13, B = 0") and direction
 *       equation; captured PDUs (see {@code LipRealPduTest}).
 *   <li>tetra-kit {@code cmce_sds_lip.cc} (LarryTh): PDU types/extensions, short report layout,
 *       position error and 16-point direction tables, lat/lon two's complement scaling.
 *   <li>Jeroen2006/etsi-tetra-gps-lip (JavaScript): full long report, every shape's and velocity
 *       type's field order and width, time of position, arc radius/angles, axes formula.
 *   <li>moehrem/tetraconnect {@code motorola.py}, {@code tetra_mappings.py}: long report shapes
 *       and velocity types (independent field order, same widths), uncertainty and reason tables.
 *   <li>Fixitdaz/tetra-sds {@code lookup.py}, {@code decode.py}: shape, velocity-type and reason
 *       tables, altitude decoding.
 *   <li>A Java LIP parser ({@code LipProtocolUnits.java}) transcribing the V1.7.2 tables 6.33,
 *       6.45, 6.49, 6.51, 6.63, 6.79, 6.91-6.94, 6.111-6.114, 6.120, 6.123 value by value.
 *   <li>A PHP LIP encoder citing V1.6.1 clause/table numbers for the same elements.
 * </ol>
 *
 * <h2>Where the sources disagreed, and what was chosen</h2>
 * <ul>
 *   <li>Horizontal velocity: tetra-kit computes 16 x 1.038^(13-K) for every code (inverted
 *       exponent, no linear part); SvxLink applies the formula to 127; others stop at 125/126. Chosen:
 *       the spec text quoted by SvxLink plus the table 6.51 examples (0-28 linear, 126 lower bound,
 *       127 unknown), which every example value confirms.
 *   <li>Altitude above 2 450 m: Jeroen2006 uses 2 450 + (K-1927) x 75 (so 1926 and 1927 both give
 *       2 450 m); tetra-sds and tetraconnect use 2 450 + (K-1926) x 75, which is continuous and gives
 *       the "11 525 m" the V1.7.2 transcription prints for 2047. Chosen: the latter. Code 0:
 *       "reserved" (two sources) vs -200 m (one); chosen: reserved, reported as no altitude value.
 *   <li>Confidence level 5 and 6: 98 % / 99 % (tetraconnect) vs 99 % / 99.9 % (Jeroen2006). Not
 *       resolved: only the raw 3-bit code is exposed.
 *   <li>Velocity and direction uncertainty tables: a single source (tetraconnect: &lt;1.5, 3, 6, 12,
 *       24, 48, 96 km/h or degrees). Only the raw 3-bit codes are exposed.
 *   <li>Reason for sending 32: "response to an immediate location request" in three sources
 *       (tetra-sds, tetraconnect, the V1.6.1 PHP encoder), "reserved" in the V1.7.2 transcription.
 *       Chosen: named. Codes 27-30 are named (V1.7.2 sources) though older tables reserve them.
 *   <li>User-defined data in the long report: Jeroen2006 rejects it; tetraconnect reads 8 bits.
 *       Chosen: 8 bits, as in the short report (the long report's fixed part then has the same
 *       ending in both cases).
 * </ul>
 */
package org.bluelamp.tracking.lip;

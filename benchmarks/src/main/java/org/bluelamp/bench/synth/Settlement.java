package org.bluelamp.bench.synth;

/**
 * One city, town or village: where it is and the shape of its street grid.
 *
 * <p>The grid is a lattice in "lattice units" warped outward so that blocks grow from
 * {@link #coreSpacingMetres} at the centre to {@code (1 + 2 * warp)} times that at the edge, and
 * clipped to a star-shaped outline {@code rhoMax * (1 + sum a_k sin(k * angle + phase_k))}. Sizes
 * are in lattice vertices. Immutable except for the vertex ids the street generator records.
 */
final class Settlement {
    final int id;
    final int targetVertices;
    final double centreX;
    final double centreY;
    final double rotationRadians;
    final double rhoMax;
    final double coreSpacingMetres;
    final double warp;
    final double[] amplitude;
    final double[] phase;

    /** The lattice vertex at the centre, set by the street generator. */
    int centreVertex = -1;
    /** Vertex id range [first, end) of the settlement's streets, set by the street generator. */
    int firstVertex = -1;

    int endVertex = -1;

    Settlement(
            int id,
            int targetVertices,
            double centreX,
            double centreY,
            double rotationRadians,
            double coreSpacingMetres,
            double warp,
            double[] amplitude,
            double[] phase) {
        this.id = id;
        this.targetVertices = targetVertices;
        this.centreX = centreX;
        this.centreY = centreY;
        this.rotationRadians = rotationRadians;
        this.rhoMax = Math.sqrt(targetVertices / Math.PI);
        this.coreSpacingMetres = coreSpacingMetres;
        this.warp = warp;
        this.amplitude = amplitude;
        this.phase = phase;
    }

    /** The outline in lattice units at this angle of the lattice frame. */
    double boundaryRho(double latticeAngle) {
        double f = 1;
        for (int k = 0; k < amplitude.length; k++)
            f += amplitude[k] * StrictMath.sin((k + 1) * latticeAngle + phase[k]);
        return rhoMax * f;
    }

    /** Distance from the centre in metres of a lattice-frame radius. */
    double metresAtRho(double rho) {
        return coreSpacingMetres * rho * (1 + warp * rho / rhoMax);
    }

    /** The largest distance from the centre any street can reach, metres. */
    double maxRadiusMetres() {
        double f = 1;
        for (double a : amplitude) f += Math.abs(a);
        return metresAtRho(rhoMax * f + 1.5);
    }

    /** Outline radius in metres in the direction of a world-frame angle. */
    double boundaryMetres(double worldAngle) {
        return metresAtRho(boundaryRho(worldAngle - rotationRadians));
    }
}

namespace Watchpost.Tracking;

/// <summary>
/// Noise of the tracker's constant-velocity Kalman filter, each a standard deviation as a fraction of the box
/// height; the process noises grow with the square root of elapsed seconds (a random walk), so they do not
/// depend on the frame rate.
/// </summary>
/// <param name="Measurement">How far a detected box may stray from the true one.</param>
/// <param name="Position">Random drift of the position per √second beyond the constant-velocity motion.</param>
/// <param name="Velocity">Random change of the velocity (heights per second) per √second: how quickly objects turn or change pace.</param>
/// <param name="InitialPosition">Uncertainty of a new track's position.</param>
/// <param name="InitialVelocity">Uncertainty of a new track's velocity (heights per second).</param>
public sealed record KalmanNoise(
    double Measurement = 0.05,
    double Position = 0.1,
    double Velocity = 0.5,
    double InitialPosition = 0.1,
    double InitialVelocity = 1.0);

import type { DrillStatus } from '../../shared/drill/state';
import type { ClockInfo } from '../../shared/protocol/messages';
import type { ClockCheckpoint } from '../store/store';

/** Guards against 0.999… from floating-point division turning a due time into "1 ms too early". */
const EPSILON = 1e-6;

/**
 * Maps wall time to drill time for one drill: drill time runs at `speed` times wall time while the drill is
 * running and stands still otherwise (lobby, paused, ended), so paused minutes never count. The anchor is
 * the last (wall, drill) pair where the status or speed changed.
 */
export class DrillClock {
  private anchor: { wall: number; t: number };

  constructor(
    private status: DrillStatus,
    private speed: number,
    t: number,
    wall: number,
  ) {
    this.anchor = { wall, t };
  }

  get running(): boolean {
    return this.status === 'running';
  }

  get currentSpeed(): number {
    return this.speed;
  }

  /** Drill time (integer ms) at wall time `wall`. */
  now(wall: number): number {
    if (!this.running) return this.anchor.t;
    return this.anchor.t + Math.floor(Math.max(0, wall - this.anchor.wall) * this.speed + EPSILON);
  }

  /** Wall milliseconds from `wall` until drill time `t` comes (0 if it has). Only meaningful while running. */
  wallDelay(t: number, wall: number): number {
    const dueWall = this.anchor.wall + (t - this.anchor.t) / this.speed;
    return Math.max(0, Math.ceil(dueWall - wall - EPSILON));
  }

  /**
   * Follows the drill's status and speed; re-anchors at drill time `t` (where the drill core stands) when
   * either changed. Returns whether anything changed.
   */
  follow(status: DrillStatus, speed: number, t: number, wall: number): boolean {
    if (status === this.status && speed === this.speed) return false;
    this.status = status;
    this.speed = speed;
    this.anchor = { wall, t };
    return true;
  }

  /** An independent copy (to go back to if a turn's writes are not saved). */
  copy(): DrillClock {
    return new DrillClock(this.status, this.speed, this.anchor.t, this.anchor.wall);
  }

  info(wall: number): ClockInfo {
    return { status: this.status, t: this.now(wall), speed: this.speed, wall };
  }

  checkpoint(wall: number): ClockCheckpoint {
    return { t: this.now(wall), wall, speed: this.speed };
  }
}

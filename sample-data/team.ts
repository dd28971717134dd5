import { TEAM_ROLES, type TeamRole } from './assumptions.ts';
import { at, DAY_MS, EXPORTED_AT, LAST_DAY, WINDOW_END, WINDOW_START, type Moment } from './calendar.ts';
import type { Seat, UserRecord } from './model.ts';
import { emailLocalPart, randomPerson } from './names.ts';
import type { Random } from './random.ts';

const COMPANY_DOMAIN = 'larkspur.example';
/** Share of each role's seats filled when the window opens; the rest are hired as the company grows. */
const INITIAL_SHARE = 0.6;
const MEDIAN_TENURE_DAYS = 820;

/** The sales team: seats that open as the company grows, each held by one person after another. */
export class Team {
  readonly users: UserRecord[] = [];
  private readonly seats = new Map<TeamRole, Seat[]>();

  constructor(scale: number, private readonly random: Random) {
    const usedEmails = new Set<string>();
    for (const [role, { title, seats }] of Object.entries(TEAM_ROLES) as [TeamRole, (typeof TEAM_ROLES)[TeamRole]][]) {
      const count = Math.max(1, Math.round(seats * scale));
      const initial = Math.max(1, Math.ceil(count * INITIAL_SHARE));
      const roleSeats: Seat[] = [];
      for (let i = 0; i < count; i++) {
        const opensOn = i < initial ? WINDOW_START : WINDOW_START + Math.round(((i - initial + 1) / (count - initial + 1)) * (WINDOW_END - WINDOW_START - 180));
        const seat: Seat = { role, opensOn, holders: [] };
        let startsAt = i < initial ? WINDOW_START * DAY_MS : at(opensOn, 9);
        for (;;) {
          const user = this.hire(title, startsAt, usedEmails);
          seat.holders.push(user);
          const leavesOn = Math.floor(startsAt / DAY_MS) + Math.round(random.logNormal(MEDIAN_TENURE_DAYS, 0.5));
          if (leavesOn >= LAST_DAY) break;
          user.leftAt = at(leavesOn, 17);
          // A successor starts the next day, so no seat stands empty.
          startsAt = at(leavesOn + 1, 9);
        }
        roleSeats.push(seat);
      }
      this.seats.set(role, roleSeats);
    }
  }

  /** A seat of `role` open at `moment`, picked at random. */
  pickSeat(role: TeamRole, moment: Moment): Seat {
    const seats = this.seats.get(role) ?? [];
    const open = seats.filter((seat) => seat.opensOn * DAY_MS <= moment);
    return this.random.pick(open.length > 0 ? open : seats);
  }

  private hire(title: string, createdAt: Moment, usedEmails: Set<string>): UserRecord {
    let person = randomPerson(this.random);
    while (usedEmails.has(emailLocalPart(person))) person = randomPerson(this.random);
    usedEmails.add(emailLocalPart(person));
    const user: UserRecord = { id: '', person, email: `${emailLocalPart(person)}@${COMPANY_DOMAIN}`, title, createdAt, leftAt: null };
    this.users.push(user);
    return user;
  }
}

/** Who holds `seat` at `moment`. */
export function holderAt(seat: Seat, moment: Moment): UserRecord {
  for (const user of seat.holders) if (user.leftAt === null || user.leftAt >= moment) return user;
  return seat.holders[seat.holders.length - 1];
}

/** The holder at export time, and when the seat last changed hands after `since` (for LastModifiedDate). */
export function currentHolder(seat: Seat, since: Moment): { user: UserRecord; handedOverAt: Moment | null } {
  const user = holderAt(seat, EXPORTED_AT);
  return { user, handedOverAt: user.createdAt > since ? user.createdAt : null };
}

/**
 * Netting forward movements against their reversals — the client's "paired offset" principle
 * (DOMAIN.md §3.1, binding rule §6 D3): a forward movement later cancelled by its reverse movement
 * counts as though neither posting happened. Pure: MB51 lines in, netted groups out.
 */

/** Forward movement type → the movement type that reverses it (DOMAIN.md §2.3). */
export const REVERSAL_PAIRS: ReadonlyMap<string, string> = new Map([
  ["601", "602"],
  ["101", "102"],
  ["261", "262"],
  ["351", "352"],
  ["311", "312"],
  ["201", "202"],
]);

/** One MB51 line, as far as netting needs it. */
export interface Movement {
  /** Identifies the line to the caller; never used for ordering. */
  id: number | string;
  plant: string;
  material: string;
  /** `null` (or blank) for lines without batch; they net together under batch `null`. */
  batch: string | null;
  movementType: string;
  /** `YYYY-MM-DD`. */
  postingDate: string;
  /** Signed as in MB51 (601 negative, 602 positive); netting uses the absolute value. */
  quantity: number;
  /** For 601/602 the outbound delivery number. */
  reference: string | null;
  materialDocument: string;
}

/** `FULLY_REVERSED` when no forward line survives, `PARTIALLY_REVERSED` when some were cancelled, else `DELIVERED`. */
export type NettingStatus = "DELIVERED" | "PARTIALLY_REVERSED" | "FULLY_REVERSED";

/** The result of netting one reversal pair within one (plant, material, batch). */
export interface NettedGroup {
  plant: string;
  material: string;
  batch: string | null;
  forwardType: string;
  reverseType: string;
  /** Forward lines that no reversal cancelled, in posting order. */
  validMovements: Movement[];
  /** Reversals that cancelled a forward line: `cancellations.length`. */
  nettedCount: number;
  /** Each cancelled forward line with the reversal that cancelled it, in posting order of the reversals. */
  cancellations: Cancellation[];
  /** `validMovements.length`. */
  remainingCount: number;
  /** Σ |quantity| of the valid forward lines. */
  netQuantity: number;
  firstValidDate: string | null;
  lastValidDate: string | null;
  status: NettingStatus;
  /** Reversals that found no forward line to cancel (a data-quality figure). */
  orphanReversals: Movement[];
}

export interface Cancellation {
  forward: Movement;
  reversal: Movement;
}

/**
 * Nets every reversal pair per (plant, material, batch). Movement types outside `REVERSAL_PAIRS`
 * are ignored. Groups come out in the order their first line appears in `movements`.
 */
export function netMovements(movements: Movement[]): NettedGroup[] {
  const groups = new Map<string, { forwardType: string; lines: OrderedLine[] }>();
  movements.forEach((movement, index) => {
    const pair = pairOf(movement.movementType);
    if (!pair) return;
    const key = JSON.stringify([movement.plant, movement.material, batchOf(movement), pair.forwardType]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { forwardType: pair.forwardType, lines: [] }));
    group.lines.push({ movement, index, isReversal: pair.isReversal });
  });
  return [...groups.values()].map(({ forwardType, lines }) => netGroup(forwardType, lines));
}

interface OrderedLine {
  movement: Movement;
  /** Position in the input: the last tie-break, since material-document numbers are not chronological. */
  index: number;
  isReversal: boolean;
}

const FORWARD_OF: ReadonlyMap<string, string> = new Map([...REVERSAL_PAIRS].map(([forward, reverse]) => [reverse, forward]));

function pairOf(movementType: string): { forwardType: string; isReversal: boolean } | null {
  if (REVERSAL_PAIRS.has(movementType)) return { forwardType: movementType, isReversal: false };
  const forwardType = FORWARD_OF.get(movementType);
  return forwardType ? { forwardType, isReversal: true } : null;
}

function batchOf(movement: Movement): string | null {
  const batch = movement.batch?.trim();
  return batch ? batch : null;
}

function netGroup(forwardType: string, lines: OrderedLine[]): NettedGroup {
  // Within one posting date forward lines go first: same-day reversals are the rule, and a 602
  // sorted before its 601 would otherwise find an empty stack (§3.1 step 2).
  const ordered = [...lines].sort(
    (a, b) =>
      compare(a.movement.postingDate, b.movement.postingDate) ||
      Number(a.isReversal) - Number(b.isReversal) ||
      a.index - b.index,
  );
  const stack: Movement[] = [];
  const orphanReversals: Movement[] = [];
  const cancellations: Cancellation[] = [];
  for (const { movement, isReversal } of ordered) {
    if (!isReversal) {
      stack.push(movement);
      continue;
    }
    const cancelled = forwardType === "601" ? deliveryMatch(stack, movement) : stack.length - 1;
    if (cancelled < 0) {
      orphanReversals.push(movement);
    } else {
      cancellations.push({ forward: stack.splice(cancelled, 1)[0], reversal: movement });
    }
  }
  const first = lines[0].movement;
  return {
    plant: first.plant,
    material: first.material,
    batch: batchOf(first),
    forwardType,
    reverseType: REVERSAL_PAIRS.get(forwardType)!,
    validMovements: stack,
    nettedCount: cancellations.length,
    cancellations,
    remainingCount: stack.length,
    netQuantity: stack.reduce((sum, movement) => sum + Math.abs(movement.quantity), 0),
    firstValidDate: stack[0]?.postingDate ?? null,
    lastValidDate: stack.at(-1)?.postingDate ?? null,
    status: stack.length === 0 ? "FULLY_REVERSED" : cancellations.length > 0 ? "PARTIALLY_REVERSED" : "DELIVERED",
    orphanReversals,
  };
}

/**
 * Stack position of the 601 a 602 cancels (D3): the most recent with the same delivery and the
 * same absolute quantity, else the most recent with the same delivery, else the most recent; -1
 * when the stack is empty. Plain reference-LIFO mis-nets same-day re-issues (e.g. batch 25L2479110).
 */
function deliveryMatch(stack: Movement[], reversal: Movement): number {
  const reference = reversal.reference?.trim();
  if (reference) {
    const quantity = Math.abs(reversal.quantity);
    const sameDelivery = (movement: Movement) => movement.reference?.trim() === reference;
    const sameDeliveryAndQuantity = stack.findLastIndex(
      (movement) => sameDelivery(movement) && Math.abs(movement.quantity) === quantity,
    );
    if (sameDeliveryAndQuantity >= 0) return sameDeliveryAndQuantity;
    const sameDeliveryOnly = stack.findLastIndex(sameDelivery);
    if (sameDeliveryOnly >= 0) return sameDeliveryOnly;
  }
  return stack.length - 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

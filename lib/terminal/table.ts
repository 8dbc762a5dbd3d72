import Table from "cli-table3";

/** Whether output may carry colour: a terminal, and NO_COLOR unset or empty. */
export function colourAllowed(stream: { isTTY?: boolean } = process.stdout): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? "") === "";
}

/** A table for stdout, coloured only on a terminal and never when NO_COLOR is set. */
export function newTable(head: string[]): Table.Table {
  const colour = colourAllowed();
  return new Table({
    head,
    style: { head: colour ? ["cyan"] : [], border: colour ? ["grey"] : [] },
  });
}

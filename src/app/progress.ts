/**
 * How a use-case that takes a while says where it is. The command line shows
 * it on a terminal; the web app can stream it; tests ignore it.
 */
export interface ProgressStep {
  /** What is happening, in a few words: "printing the PDF". */
  step: string;
  /** Items done and in all, when the work is countable. */
  done?: number;
  total?: number;
}

export type Progress = (step: ProgressStep) => void;

// Vitest runs a file's tests one after another in promise callbacks. A file whose tests never wait on a timer or on
// I/O (the catalog corpora: 800 evaluations of pure parsing) keeps its worker from reading the runner's replies for as
// long as the file runs, and past 60 s the worker's call to report progress times out and fails the whole run, even
// with every test passed. Letting the event loop turn once before each test reads those replies.
import { beforeEach } from "vitest";

beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

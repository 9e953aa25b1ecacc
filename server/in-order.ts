import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Several middleware run as one Express layer, in order, as `app.use` would run them one by one: a step that
 * answers ends the run, `next(error)` goes to Express's error handlers, and a throw is passed on the same way.
 */
export function inOrder(steps: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== "route") return next(error);
      const handler = steps[index++];
      if (!handler) return next();
      try {
        handler(req, res, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}


import { createSession, formatAction, frameToText, gridToText, parseActionToken, TabulaError, type Action, type StepResult } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { intOption, UsageError, type Command } from '../cli.ts';

/** Splits "ACTION1,ACTION6:3:5 up" into actions, naming the first bad token. */
export function parseActionList(text: string): Action[] {
  return text
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map((token, i) => {
      try {
        return parseActionToken(token);
      } catch (error) {
        throw new UsageError(`action ${i + 1} of --actions: ${(error as Error).message}`);
      }
    });
}

export const play: Command = {
  summary: 'play actions on a game and print the final frame and state',
  usage: 'play <code> --actions <list> [--seed S] [--view] [--json]',
  options: { actions: { type: 'string' }, seed: { type: 'string' }, view: { type: 'boolean' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    const [code] = positionals;
    if (code === undefined) throw new UsageError('name a game by its code, e.g. tabula play tg38 --actions up,up,left (see tabula list)');
    if (typeof values.actions !== 'string') {
      throw new UsageError('--actions is required: a comma-separated list such as ACTION1,ACTION4,ACTION6:32:20 (or up,down,left,right,use,undo,reset)');
    }
    const entry = findGame(code);
    const actions = parseActionList(values.actions);
    const session = createSession(entry.game, { seed: intOption(values.seed, 'seed') ?? null });
    let last: StepResult | undefined;
    let refused: string | undefined;
    for (const [i, action] of actions.entries()) {
      try {
        last = session.act(action);
      } catch (error) {
        if (!(error instanceof TabulaError)) throw error;
        refused = `action ${i + 1} (${formatAction(action)}) was refused: ${error.message}`;
        break;
      }
    }
    const observation = session.observe();
    const picture = values.view ? gridToText(entry.game.view(session.state)) : frameToText(observation.frames[0]!);
    if (values.json) {
      console.log(
        JSON.stringify(
          {
            game_id: entry.gameId,
            state: observation.state,
            levels_completed: observation.levelsCompleted,
            win_levels: observation.winLevels,
            level_index: observation.levelIndex,
            step: observation.step,
            hash: observation.hash,
            changed: last?.changed ?? false,
            refused: refused ?? null,
            frame_text: picture.split('\n'),
          },
          null,
          2,
        ),
      );
    } else {
      console.log(picture);
      console.log(
        `${entry.gameId}  ${observation.state}  level ${observation.levelIndex + 1} of ${observation.winLevels}  levels_completed ${observation.levelsCompleted}  step ${observation.step}  hash ${observation.hash}`,
      );
    }
    if (refused !== undefined) {
      console.error(`tabula play: ${refused}`);
      return 1;
    }
    return 0;
  },
};

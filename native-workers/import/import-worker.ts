// Worker entry of the import pool: imports one file per request (see import-file.ts) and answers with a
// small summary; the image bytes never cross to the main thread.
import sharp from 'sharp';
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import { serveRequests } from '../pool-protocol.ts';
import type { DecodeOptions } from './decode-image.ts';
import { destinationIn, importFile, type ImportFileResult } from './import-file.ts';

export interface ImportFileRequest {
  readonly path: string;
  readonly preprocessing: Preprocessing;
  /** The project folder the image's files are stored in. */
  readonly projectRoot: string;
  readonly options?: DecodeOptions;
}

// Every file is new to an import, so libvips' operation cache would only hold memory.
sharp.cache(false);

serveRequests<ImportFileRequest, ImportFileResult>(({ path, preprocessing, projectRoot, options }) =>
  importFile(path, preprocessing, destinationIn(projectRoot, preprocessing), options),
);

// The Explain section: pick a run and a photo, then follow the photo through the network: the input as the
// network sees it, a filter playground, the learned filters, the feature maps before and after ReLU, max vs
// average pooling, and the final probabilities.
import { useEffect, useMemo, useState } from 'react';
import type { ImageExplanation } from '../../../electron/contract/insight-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { RunPicker } from '../evaluation/run-picker.tsx';
import { useRuns } from '../evaluation/use-runs.ts';
import type { SectionProps } from '../project/project-sections.tsx';
import { pixelsToRgba } from './colour-map.ts';
import { convStages, firstPooling } from './explain-layout.ts';
import { takeRequestedImage } from './explain-request.ts';
import { FeatureMaps } from './feature-maps.tsx';
import { FilterPlayground } from './filter-playground.tsx';
import { ImagePicker } from './image-picker.tsx';
import { LearnedFilters } from './learned-filters.tsx';
import { PlaneCanvas } from './plane-canvas.tsx';
import { brightness } from './planes.ts';
import { PoolingCompare } from './pooling-compare.tsx';
import { Probabilities } from './probabilities.tsx';
import './explain.css';

export function ExplainSection({ project }: SectionProps) {
  const api = useApi();
  const runs = useRuns(project);
  const [imageId, setImageId] = useState<number | null>(() => takeRequestedImage(project));
  const [shown, setShown] = useState<{ key: string; data: ImageExplanation } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const { runId } = runs;
  useEffect(() => {
    if (imageId === null) return;
    let live = true;
    api.images.get({ project, imageId }).then((image) => live && setFileName(image.fileName), () => live && setFileName(null));
    return () => {
      live = false;
    };
  }, [api, project, imageId]);
  const key = `${runId}/${imageId}`;

  useEffect(() => {
    if (runId === null || imageId === null) return;
    let live = true;
    api.explain.image({ project, runId, imageId }).then(
      (data) => {
        if (!live) return;
        setShown({ key: `${runId}/${imageId}`, data });
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, project, runId, imageId]);

  const data = shown?.key === key ? shown.data : null;
  const view = useMemo(() => {
    if (!data) return null;
    const [H, W, C] = data.input.shape;
    return { H, W, C, luma: brightness(data.input.pixels, data.input.shape), stages: convStages(data.layers), pooling: firstPooling(data.layers) };
  }, [data]);

  return (
    <div className="explain-section insight-section">
      <div className="toolbar" role="toolbar" aria-label="Explain">
        <RunPicker choice={runs} />
        {fileName && (
          <span className="explained-photo">
            Photo <strong>{fileName}</strong>
          </span>
        )}
      </div>
      <ImagePicker project={project} chosen={imageId} onChoose={setImageId} />
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !error && runId !== null && imageId !== null && <p role="status">Running the photo through the network…</p>}
      {data && view && (
        <div className="explain-body">
          <section className="explain-panel" aria-labelledby="input-title">
            <h3 id="input-title">What the network sees</h3>
            <p className="hint">
              The photo after preprocessing: {view.H}×{view.W}, {view.C === 1 ? 'grayscale' : 'RGB'}. This grid of numbers is all the network gets.
            </p>
            <PlaneCanvas width={view.W} height={view.H} rgba={pixelsToRgba(data.input.pixels, view.C)} label="The network's input" size={192} />
          </section>
          <Probabilities classNames={data.classNames} probabilities={data.probabilities} />
          <FilterPlayground plane={view.luma} height={view.H} width={view.W} />
          {data.filters && <LearnedFilters filters={data.filters} />}
          {view.stages.length > 0 && <FeatureMaps stages={view.stages} />}
          {view.pooling && <PoolingCompare stage={view.pooling} />}
        </div>
      )}
    </div>
  );
}

// One image large, with its metadata: opened from the grid (Enter, double-click); the labeling keys still work.
import { useEffect, useState } from 'react';
import type { ClassLabel, ImageSample } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { LabelChip } from '../grid/image-grid.tsx';

interface Props {
  readonly project: string;
  readonly image: ImageSample | undefined;
  readonly classes: readonly ClassLabel[];
  readonly onClose: () => void;
}

export function ImageViewer({ project, image, classes, onClose }: Props) {
  const url = useOriginalUrl(project, image);
  const label = image?.classId == null ? null : classes.find((c) => c.id === image.classId);
  return (
    <div className="viewer" role="dialog" aria-modal="false" aria-label={image ? `Image ${image.fileName}` : 'Image'}>
      <div className="viewer-image">{url ? <img src={url} alt={image?.fileName ?? ''} /> : <span className="thumb loading" />}</div>
      {image && (
        <aside className="viewer-details">
          <h2 className="file-name-large">{image.fileName}</h2>
          <LabelChip label={label} />
          <dl>
            <dt>Folder</dt>
            <dd className="wrap">{image.folder}</dd>
            <dt>Size</dt>
            <dd>{image.width && image.height ? `${image.width} × ${image.height}` : 'unknown'}, {(image.byteSize / 1024).toFixed(0)} KiB, {image.format ?? 'unknown format'}</dd>
            <dt>Split</dt>
            <dd>
              {image.split} ({image.splitSource})
            </dd>
            <dt>Imported</dt>
            <dd>{new Date(image.importedAt).toLocaleString()}</dd>
            {image.status === 'unreadable' && (
              <>
                <dt>Unreadable</dt>
                <dd>{image.unreadableReason}</dd>
              </>
            )}
          </dl>
          <button type="button" onClick={onClose}>
            Close (Esc)
          </button>
        </aside>
      )}
    </div>
  );
}

function useOriginalUrl(project: string, image: ImageSample | undefined): string | null {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const id = image?.hasBlob && image.status === 'ok' ? image.id : null;
  useEffect(() => {
    if (id === null) return;
    let revoked = false;
    let objectUrl: string | null = null;
    api.images.original({ project, imageId: id }).then(
      ({ mime, bytes }) => {
        if (revoked) return;
        objectUrl = URL.createObjectURL(new Blob([bytes], { type: mime }));
        setUrl(objectUrl);
      },
      () => setUrl(null),
    );
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [api, project, id]);
  return url;
}

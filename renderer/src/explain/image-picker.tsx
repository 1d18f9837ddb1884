// Picking the photo to explain: the project's photos as a strip of thumbnails, a page at a time.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ImageSample } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { ThumbnailUrls } from '../grid/thumbnail-urls.ts';

const PAGE = 40;

interface Props {
  readonly project: string;
  readonly chosen: number | null;
  readonly onChoose: (imageId: number) => void;
}

export function ImagePicker({ project, chosen, onChoose }: Props) {
  const api = useApi();
  const thumbnails = useMemo(() => new ThumbnailUrls((imageId) => api.images.thumbnail({ project, imageId })), [api, project]);
  useEffect(() => () => thumbnails.dispose(), [thumbnails]);
  useSyncExternalStore(thumbnails.subscribe, thumbnails.snapshot);
  const [images, setImages] = useState<readonly ImageSample[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: string | null) => {
    try {
      const page = await api.images.page({ project, filter: { kind: 'all' }, sort: 'name', after, limit: PAGE });
      const readable = page.images.filter((i) => i.status !== 'unreadable');
      setImages((shown) => (after === null ? readable : [...shown, ...readable]));
      setNext(page.next);
      if (after === null && readable.length > 0 && chosen === null) onChoose(readable[0].id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => thumbnails.want(images.map((i) => i.id)), [images, thumbnails]);
  useEffect(() => {
    void load(null);
    // The first page once per project; later pages on request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, project]);

  if (error) return <p role="alert" className="error">{error}</p>;
  return (
    <div className="image-picker" role="group" aria-label="Photo to explain">
      {images.map((image) => {
        const url = thumbnails.get(image.id);
        return (
          <button key={image.id} type="button" aria-pressed={image.id === chosen} onClick={() => onChoose(image.id)} title={image.fileName} data-image-id={image.id}>
            {url ? <img src={url} alt={image.fileName} /> : <span className="thumb loading" aria-label={image.fileName} />}
          </button>
        );
      })}
      {next !== null && (
        <button type="button" className="more" onClick={() => void load(next)}>
          More…
        </button>
      )}
    </div>
  );
}

// A folder on this machine: typed (browser mode: the server is this computer), or picked with the desktop
// app's native picker.
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (path: string) => void;
  readonly canPick: boolean;
  readonly pickTitle: string;
  readonly onError: (message: string) => void;
  readonly placeholder?: string;
}

export function FolderField({ label, value, onChange, canPick, pickTitle, onError, placeholder }: Props) {
  const api = useApi();
  const pick = async () => {
    try {
      const picked = await api.dialogs.pickFolder({ title: pickTitle });
      if (picked.path) onChange(picked.path);
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  return (
    <div className="folder-field">
      <label>
        {label}
        <input value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder ?? '/home/me/photos'} spellCheck={false} />
      </label>
      {canPick && (
        <button type="button" onClick={() => void pick()}>
          Choose…
        </button>
      )}
    </div>
  );
}

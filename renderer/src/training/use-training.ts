// The Train tab's wiring: the training session (runs, curves, progress), the form, the network choices and
// the detected devices. Components stay thin; the logic lives in the plain modules beside this one.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ProjectOverview } from '../../../electron/contract/api-responses.ts';
import type { SavedArchitecture, TrainingDevices } from '../../../electron/contract/design-and-training-responses.ts';
import { useApi } from '../app/api-context.ts';
import { designDrafts } from '../architecture/design-drafts.ts';
import { ProjectViewStore } from '../architecture/project-view-store.ts';
import { projectInput, trainImageCount, useProjectOverview } from '../architecture/use-project-overview.ts';
import { defaultForm, toConfig, type FormResult, type TrainingForm } from './hyperparameters.ts';
import { networkOptions, type NetworkOption } from './network-options.ts';
import { TrainingSession, type TrainingState, type TrainingView } from './training-session.ts';

/** Each project's training form and the runs it showed, kept while its tab is closed. */
const trainingForms = new ProjectViewStore<TrainingForm>();
const trainingViews = new ProjectViewStore<TrainingView>();
const DEFAULT_FORM = defaultForm();

export interface Training {
  readonly session: TrainingSession;
  readonly state: TrainingState;
  readonly overview: ProjectOverview | null;
  readonly trainImages: number;
  readonly devices: TrainingDevices | null;
  readonly form: TrainingForm;
  readonly formResult: FormResult;
  readonly setForm: (form: TrainingForm) => void;
  readonly networks: readonly NetworkOption[];
  readonly networkId: string;
  readonly setNetworkId: (id: string) => void;
  /** Why Start is unavailable, or null. */
  readonly blocker: string | null;
  readonly start: () => Promise<void>;
}

export function useTraining(project: string): Training {
  const api = useApi();
  const [session] = useState(() => new TrainingSession(api, project, trainingViews.get(project)));
  const state = useSyncExternalStore(session.subscribe, session.snapshot);
  const overview = useProjectOverview(project);
  const draft = useSyncExternalStore(designDrafts.subscribe, () => designDrafts.get(project));
  const [saved, setSaved] = useState<readonly SavedArchitecture[]>([]);
  const [devices, setDevices] = useState<TrainingDevices | null>(null);
  const form = useSyncExternalStore(trainingForms.subscribe, () => trainingForms.get(project)) ?? DEFAULT_FORM;
  const setForm = useCallback((next: TrainingForm) => trainingForms.set(project, next), [project]);
  const [chosen, setNetworkId] = useState<string | null>(null);

  useEffect(() => {
    const disconnect = session.connect();
    void session.load();
    return () => {
      trainingViews.set(project, session.view());
      disconnect();
    };
  }, [session, project]);
  useEffect(() => {
    const refreshSaved = () => void api.architectures.list({ project }).then(setSaved, () => undefined);
    refreshSaved();
    void api.training.devices({}).then(setDevices, () => undefined);
    return api.on('project.changed', (e) => e.project === project && e.change === 'architectures' && refreshSaved());
  }, [api, project]);

  const input = useMemo(() => (overview ? projectInput(overview) : null), [overview]);
  const classes = overview?.classes.length ?? 0;
  const networks = useMemo(() => (input ? networkOptions(draft, saved, input, classes) : []), [draft, saved, input, classes]);
  // The design being edited is what a person most likely wants to train, when it can.
  const networkId = chosen ?? networks.find((n) => n.problem === null)?.id ?? 'preset:w1';
  const network = networks.find((n) => n.id === networkId);
  const formResult = useMemo(() => toConfig(form), [form]);
  const trainImages = overview ? trainImageCount(overview) : 0;
  const blocker =
    !overview ? 'loading the project…'
    : classes < 2 ? 'a network needs at least two classes to tell apart'
    : trainImages === 0 ? 'label some photos in the train split first'
    : !network ? 'choose a network'
    : network.problem ? `the network cannot train: ${network.problem}`
    : !formResult.ok ? formResult.message
    : form.backend === 'webgpu' ? 'WebGPU is not available; choose Auto or CPU'
    : null;

  return {
    session, state, overview, trainImages, devices, form, formResult, setForm, networks, networkId, setNetworkId, blocker,
    start: async () => {
      if (blocker || !network || !formResult.ok) return;
      await session.start({ ...network.request, config: formResult.config, backend: form.backend });
    },
  };
}

export interface SwitchProps {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  /** The id of a text that says more about the switch. */
  describedBy?: string;
  onChange: (checked: boolean) => void;
}

/** An on/off control: a native checkbox announced as a switch. */
export function Switch({ id, label, checked, disabled, describedBy, onChange }: SwitchProps) {
  return (
    <label class="switch" for={id}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-checked={checked}
        aria-describedby={describedBy}
        onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      <span>{label}</span>
    </label>
  );
}

import { useT } from './i18n';

export function OptionsView() {
  const t = useT();
  return (
    <main class="options">
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
    </main>
  );
}

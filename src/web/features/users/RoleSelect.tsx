import { Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_CODES, type RoleCode } from '../../../shared/permissions.js';
import { roleLabel } from '../../i18n/labels.js';

interface Props {
  value?: RoleCode;
  onChange?: (value: RoleCode) => void;
  id?: string;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function RoleSelect({ value, onChange, id, placeholder, style, ...rest }: Props) {
  const { t } = useTranslation();
  const options = useMemo(
    () => ROLE_CODES.map((role) => ({ value: role, label: roleLabel(t, role) })),
    [t],
  );
  return (
    <Select<RoleCode>
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
